/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in for the kernel's <linux/string.h>. */
#include <string.h>
