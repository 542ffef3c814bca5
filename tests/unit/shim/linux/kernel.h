/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in for the kernel's basic types and helpers, for the driver's
 * pure logic (src/mctp-turnaround.h, src/mctp-pcc-wire.h) in unit tests.
 */
#ifndef SHIM_LINUX_KERNEL_H
#define SHIM_LINUX_KERNEL_H

#include <endian.h>
#include <stdbool.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef uint32_t __le32;

#define BIT(n)		(1u << (n))
#define GENMASK(h, l)	(((~0u) << (l)) & (~0u >> (31 - (h))))
#define swap(a, b)	do { __typeof__(a) t_ = (a); (a) = (b); (b) = t_; } while (0)
#define cpu_to_le32(x)	htole32(x)
#define le32_to_cpu(x)	le32toh(x)

#endif
