/* SPDX-License-Identifier: GPL-2.0 */
/* The bytes a request carries: a pattern unique to requester and sequence
 * number, so a reply can be checked byte for byte without keeping a copy.
 */
#ifndef MCTP_PCC_PAYLOAD_H
#define MCTP_PCC_PAYLOAD_H

#include <stddef.h>
#include <stdint.h>

static inline uint8_t payload_byte(unsigned int who, unsigned long seq,
				   size_t i)
{
	uint32_t x = (uint32_t)(who * 2654435761u) ^ (uint32_t)(seq * 40503u) ^
		     (uint32_t)(i * 2246822519u);

	return (uint8_t)(x ^ (x >> 13) ^ (x >> 24));
}

static inline void payload_fill(uint8_t *buf, size_t len, unsigned int who,
				unsigned long seq)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = payload_byte(who, seq, i);
}

static inline int payload_check(const uint8_t *buf, size_t len,
				unsigned int who, unsigned long seq)
{
	for (size_t i = 0; i < len; i++)
		if (buf[i] != payload_byte(who, seq, i))
			return 0;
	return 1;
}

#endif
