// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-pcc-platform: the platform firmware of the emulated PCC mailbox in
 * the test VM. Tests only; never packaged.
 *
 * The VM boots with the PCCT and SSDT of tests/pcc/ and, on x86, with
 * memmap=1M$0x5ff00000, so Linux's PCC mailbox driver finds two subspaces
 * whose registers and shared memory are plain guest RAM kept from the
 * kernel; on arm64 they are a QEMU memory device outside the EFI memory map
 * at 0xc0000000, device memory to Linux. Where they are, and the GSIs, are
 * read from the PCCT. This module plays the other side of them, as a BMC or
 * firmware would:
 *
 *  - an hrtimer (hard interrupt context) polls the outbox (subspace 0)
 *    doorbell, fast while there is traffic and slowly when idle;
 *  - on a doorbell it clears it and owns the outbox until it completes:
 *    at once, or complete_delay_ms later, or not while never_complete is
 *    set. Completing, it reads and checks the message, answers it (mode
 *    "echo") or drops it (mode "sink"), sets the outbox "command complete"
 *    bit and, if the message asked for it (flags bit 0), raises GSI 22.
 *    A doorbell while it owns the outbox, or one that breaks the PCCT's
 *    timing rules for the outbox, is counted;
 *  - it posts queued messages to the inbox (subspace 1) one at a time,
 *    each once the OS has set the inbox "command complete" bit again, by
 *    clearing that bit and raising GSI 23 (up to inbox_burst in one tick
 *    when the OS acknowledges inside the interrupt); with inbox_flood it
 *    makes its own requests whenever the queue is empty and raises GSI 23
 *    again each tick while the OS has not consumed the last one.
 *
 * "Raising" a GSI calls generic_handle_irq() on its Linux interrupt from
 * the timer callback, a real hard interrupt context, as a cascaded
 * interrupt controller demultiplexing its inputs would: Linux's
 * pcc_mbox_irq() runs as it does on hardware. An interrupt controller that
 * can make an interrupt pending (arm64's GIC) is asked to instead
 * (irq_set_irqchip_state()), and delivers it as its own: a GIC interrupt
 * handled by generic_handle_irq() ends with an end-of-interrupt write for
 * an interrupt that the GIC never signalled, which drops the priority of
 * the one it did (the timer's). Its acknowledgment is then seen at the
 * next poll. Every access to the shared memory and the registers goes
 * through the io accessors at natural alignment: device memory on arm64.
 *
 * Control (see tests/pcc/README.md for the whole list):
 *   /sys/module/mctp_pcc_platform/parameters/  mode, never_complete,
 *       complete_delay_ms, inbox_notify, inbox_burst, inbox_flood,
 *       poll_busy_us, poll_idle_us, queue_len (at load only)
 *   /sys/kernel/debug/mctp-pcc-platform/inject  commands, one per write
 *   /sys/kernel/debug/mctp-pcc-platform/counters  "name value" lines
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/acpi.h>
#include <linux/debugfs.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/irq.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <acpi/pcc.h>

/*
 * The contract with tests/pcc/pcct.asl: where everything is, from the
 * register page (the outbox doorbell's address in the PCCT, 0x5ff00000 on
 * x86, 0xc0000000 on arm64)
 */
#define PLAT_SPAN	0x21000		/* registers and both shared memories */
#define REG_DB		0x00		/* doorbell */
#define REG_CMD		0x04		/* command complete, check and update */
#define REG_ACK		0x08		/* platform interrupt ack */
#define REG_ERR		0x0c		/* error status */
#define REG_OUTBOX	0x00		/* subspace 0's registers */
#define REG_INBOX	0x20		/* subspace 1's registers */
#define SHMEM_OUTBOX	0x10000
#define SHMEM_INBOX	0x20000
#define SHMEM_SIZE	0x1000

#define CMD_COMPLETE	BIT(0)
#define ERR_STATUS	BIT(2)		/* the PCCT's error status mask, 0x4 */
#define FLAG_NOTIFY	BIT(0)		/* PCC_CMD_COMPLETION_NOTIFY */

/* The extended PCC header at the start of each shared memory */
struct plat_hdr {
	__le32 signature;		/* PCC_SIGNATURE | subspace index */
	__le32 flags;
	__le32 length;			/* of command and packet */
	u8 command[4];			/* "MCTP" */
};

#define HDR_SIZE	sizeof(struct plat_hdr)
#define MAX_PKT		(SHMEM_SIZE - HDR_SIZE)	/* 4080 */

/* MCTP transport header: version, destination, source, flags and tag */
#define MCTP_HDR_SIZE	4
#define MCTP_VER	0x01
#define MCTP_SOM	0x80
#define MCTP_EOM	0x40
#define MCTP_TO		0x08

/* Poll fast for this long after the last sign of traffic */
#define BUSY_NS		(10 * NSEC_PER_MSEC)

enum plat_mode { MODE_ECHO, MODE_SINK };
static const char * const mode_names[] = { "echo", "sink" };

static int plat_mode = MODE_ECHO;
static bool never_complete;
static unsigned int complete_delay_ms;
static unsigned int irq_delay_ms;
static bool inbox_notify = true;
static unsigned int inbox_burst = 1;
static bool inbox_flood;
static unsigned int poll_busy_us = 50;
static unsigned int poll_idle_us = 1000;
static unsigned int queue_len = 64;
static bool raise_generic;

/* A message waiting for the inbox, header fields as they will be written */
struct plat_msg {
	u32 signature;
	u32 flags;
	u32 length;
	u8 command[4];
	u32 copy;			/* packet bytes to copy */
	u8 pkt[MAX_PKT];
};

struct plat_counters {
	u64 doorbells;		/* outbox doorbells seen */
	u64 consumed;		/* valid outbox messages consumed */
	u64 bad;		/* outbox messages with a bad header */
	u64 ignored;		/* valid, but not echoed (no TO bit, bad version) */
	u64 replies;		/* echo replies queued */
	u64 injected;		/* messages queued by "inject" */
	u64 completions;	/* outbox commands completed */
	u64 errors;		/* ... of them with the error status bit */
	u64 outbox_irqs;	/* GSI 22 raised */
	u64 outbox_irq_acks;	/* ... and acknowledged by the OS */
	u64 sent;		/* messages posted to the inbox */
	u64 inbox_irqs;		/* GSI 23 raised */
	u64 inbox_irq_acks;	/* ... and acknowledged by the OS */
	u64 inbox_acks;		/* inbox messages the OS marked consumed */
	u64 inbox_doorbells;	/* inbox doorbells (OS asked to notify) */
	u64 inbox_drops;	/* messages dropped: the queue was full */
	u64 early_doorbells;	/* rung while the platform owned the outbox */
	u64 too_soon;		/* within the minimum turnaround time */
	u64 too_often;		/* past the maximum periodic access rate */
	u64 delayed_completions;	/* completed complete_delay_ms late */
	u64 delayed_irqs;	/* completion interrupts raised irq_delay_ms late */
};

/* completion interrupts waiting for irq_delay_ms, oldest first */
#define PLAT_LATE_IRQS	16

static struct {
	void __iomem *mem;
	phys_addr_t base;	/* of the register page */
	struct hrtimer timer;
	u32 gsi_outbox;
	u32 gsi_inbox;
	unsigned int irq_outbox;
	unsigned int irq_inbox;
	/* raise by making the interrupt pending in its controller (GIC) */
	bool raise_pending;
	/* ... and whether the OS's ack of each subspace is yet to be seen */
	bool ack_due[2];
	struct dentry *dir;
	ktime_t busy_until;
	bool inbox_posted;	/* the OS has not consumed the last message */
	bool outbox_owned;	/* a doorbell taken, not yet completed */
	ktime_t outbox_due;	/* when to complete it */
	ktime_t last_doorbell;
	ktime_t last_completion;
	ktime_t late_irq[PLAT_LATE_IRQS];	/* when each is due */
	unsigned int late_head;
	unsigned int late_count;
	/* the outbox's timing rules, from the PCCT (0: none) */
	ktime_t turnaround;
	ktime_t period;

	raw_spinlock_t lock;	/* the fields below */
	struct plat_msg *queue;
	unsigned int head;
	unsigned int count;
	bool error_next;
	struct plat_counters c;
} plat;

static int mode_set(const char *val, const struct kernel_param *kp)
{
	int i = sysfs_match_string(mode_names, val);

	if (i < 0)
		return i;
	WRITE_ONCE(plat_mode, i);
	return 0;
}

static int mode_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n", mode_names[READ_ONCE(plat_mode)]);
}

static const struct kernel_param_ops mode_ops = {
	.set = mode_set,
	.get = mode_get,
};

module_param_cb(mode, &mode_ops, NULL, 0644);
MODULE_PARM_DESC(mode, "echo (answer MCTP requests, default) or sink (drop)");
module_param(never_complete, bool, 0644);
MODULE_PARM_DESC(never_complete, "leave outbox commands uncompleted while set");
module_param(complete_delay_ms, uint, 0644);
MODULE_PARM_DESC(complete_delay_ms, "complete outbox commands this late (default 0)");
module_param(irq_delay_ms, uint, 0644);
MODULE_PARM_DESC(irq_delay_ms, "raise each completion interrupt this many ms after setting Command Complete (default 0)");
module_param(inbox_burst, uint, 0644);
MODULE_PARM_DESC(inbox_burst, "inbox messages posted per tick at most, 1..64 (default 1)");
module_param(inbox_flood, bool, 0644);
MODULE_PARM_DESC(inbox_flood, "keep the inbox full and its interrupt raised (default 0)");
module_param(inbox_notify, bool, 0644);
MODULE_PARM_DESC(inbox_notify, "ask for the inbox doorbell on ack (default 1)");
module_param(poll_busy_us, uint, 0644);
MODULE_PARM_DESC(poll_busy_us, "doorbell poll period with traffic (default 50)");
module_param(poll_idle_us, uint, 0644);
MODULE_PARM_DESC(poll_idle_us, "doorbell poll period when idle (default 1000)");
module_param(queue_len, uint, 0444);
MODULE_PARM_DESC(queue_len, "inbox queue length, 1..1024 (default 64)");
module_param(raise_generic, bool, 0444);
MODULE_PARM_DESC(raise_generic, "raise GSIs by generic_handle_irq() even on a GIC (experiments)");

static u32 reg_read(unsigned int reg)
{
	return readl(plat.mem + reg);
}

static void reg_write(unsigned int reg, u32 val)
{
	writel(val, plat.mem + reg);
}

/*
 * The OS's acknowledgment of an interrupt raised through the controller,
 * seen after it has run (at the next poll, or before the next raise)
 */
static void plat_ack_seen(unsigned int regs, u64 *acked)
{
	bool *due = &plat.ack_due[regs == REG_INBOX];

	if (*due && reg_read(regs + REG_ACK)) {
		(*acked)++;
		*due = false;
	}
}

/* Raise a platform interrupt; count it, and whether the OS acknowledged */
static void plat_raise(unsigned int irq, unsigned int regs, u64 *raised,
		       u64 *acked)
{
	if (plat.raise_pending) {
		plat_ack_seen(regs, acked);
		reg_write(regs + REG_ACK, 0);
		plat.ack_due[regs == REG_INBOX] = true;
		if (irq_set_irqchip_state(irq, IRQCHIP_STATE_PENDING, true))
			pr_warn_ratelimited("cannot raise irq %u\n", irq);
		(*raised)++;
		return;
	}
	reg_write(regs + REG_ACK, 0);
	generic_handle_irq(irq);
	(*raised)++;
	if (reg_read(regs + REG_ACK))
		(*acked)++;
}

/* A free inbox queue slot, or NULL (counted) when full. Under plat.lock. */
static struct plat_msg *plat_enqueue(void)
{
	struct plat_msg *m;

	lockdep_assert_held(&plat.lock);
	if (plat.count == queue_len) {
		plat.c.inbox_drops++;
		return NULL;
	}
	m = &plat.queue[(plat.head + plat.count) % queue_len];
	plat.count++;
	m->signature = PCC_SIGNATURE | 1;
	m->flags = READ_ONCE(inbox_notify) ? FLAG_NOTIFY : 0;
	memcpy(m->command, "MCTP", 4);
	return m;
}

/* Answer an MCTP request of @len bytes (at least a header) in the outbox */
static void plat_answer(void __iomem *pkt, u32 len)
{
	struct plat_msg *m;
	u8 hdr[MCTP_HDR_SIZE];

	memcpy_fromio(hdr, pkt, sizeof(hdr));
	if ((hdr[0] & 0x0f) != MCTP_VER || !(hdr[3] & MCTP_TO)) {
		plat.c.ignored++;
		return;
	}

	raw_spin_lock(&plat.lock);
	m = plat_enqueue();
	if (m) {
		memcpy_fromio(m->pkt, pkt, len);
		m->pkt[1] = hdr[2];		/* to the requester */
		m->pkt[2] = hdr[1];		/* from whom it asked */
		m->pkt[3] &= ~MCTP_TO;		/* a response, same tag */
		m->length = 4 + len;
		m->copy = len;
		plat.c.replies++;
	}
	raw_spin_unlock(&plat.lock);
}

/*
 * Complete the outbox command: take the message as it is now, answer it.
 * A driver that wrote the outbox again while we owned it has had its
 * second message taken for the first.
 */
static void plat_outbox_complete(ktime_t now)
{
	void __iomem *shmem = plat.mem + SHMEM_OUTBOX;
	struct plat_hdr hdr;
	u32 len, flags;
	bool error;

	plat.outbox_owned = false;
	if (READ_ONCE(complete_delay_ms))
		plat.c.delayed_completions++;
	rmb();	/* the message was written before the doorbell */
	memcpy_fromio(&hdr, shmem, sizeof(hdr));
	len = le32_to_cpu(hdr.length);
	flags = le32_to_cpu(hdr.flags);

	if (le32_to_cpu(hdr.signature) != PCC_SIGNATURE ||
	    memcmp(hdr.command, "MCTP", 4) || len < 4 + MCTP_HDR_SIZE ||
	    len > 4 + MAX_PKT) {
		plat.c.bad++;
	} else {
		plat.c.consumed++;
		if (READ_ONCE(plat_mode) == MODE_ECHO)
			plat_answer(shmem + HDR_SIZE, len - 4);
	}

	raw_spin_lock(&plat.lock);
	error = plat.error_next;
	plat.error_next = false;
	raw_spin_unlock(&plat.lock);
	if (error) {
		reg_write(REG_OUTBOX + REG_ERR,
			  reg_read(REG_OUTBOX + REG_ERR) | ERR_STATUS);
		plat.c.errors++;
	}
	wmb();	/* error status before "complete" */
	reg_write(REG_OUTBOX + REG_CMD,
		  reg_read(REG_OUTBOX + REG_CMD) | CMD_COMPLETE);
	plat.c.completions++;
	plat.last_completion = now;
	if (!(flags & FLAG_NOTIFY))
		return;
	if (!READ_ONCE(irq_delay_ms)) {
		plat_raise(plat.irq_outbox, REG_OUTBOX, &plat.c.outbox_irqs,
			   &plat.c.outbox_irq_acks);
		return;
	}
	/* complete now, tell later; past PLAT_LATE_IRQS waiting, never */
	if (plat.late_count < PLAT_LATE_IRQS) {
		plat.late_irq[(plat.late_head + plat.late_count) % PLAT_LATE_IRQS] =
			ktime_add_ms(now, READ_ONCE(irq_delay_ms));
		plat.late_count++;
	}
}

/* Raise the completion interrupts whose irq_delay_ms has passed */
static bool plat_late_irqs(ktime_t now)
{
	bool active = plat.late_count;

	while (plat.late_count &&
	       !ktime_before(now, plat.late_irq[plat.late_head])) {
		plat.late_head = (plat.late_head + 1) % PLAT_LATE_IRQS;
		plat.late_count--;
		plat.c.delayed_irqs++;
		plat_raise(plat.irq_outbox, REG_OUTBOX, &plat.c.outbox_irqs,
			   &plat.c.outbox_irq_acks);
	}
	return active;
}

/*
 * The outbox doorbell, seen at @now (one poll late at most): take it, and
 * count it if it broke a rule. The PCCT's access rate is kept as a
 * period between doorbells; since both ends of that period are seen only
 * when we poll, half of it is the limit counted.
 */
static bool plat_outbox(ktime_t now)
{
	bool active = false;

	if (reg_read(REG_OUTBOX + REG_DB)) {
		reg_write(REG_OUTBOX + REG_DB, 0);
		active = true;
		if (plat.outbox_owned) {
			plat.c.early_doorbells++;
		} else {
			plat.c.doorbells++;
			if (plat.turnaround &&
			    ktime_before(now, ktime_add(plat.last_completion,
							plat.turnaround)))
				plat.c.too_soon++;
			if (plat.period &&
			    ktime_before(now, ktime_add(plat.last_doorbell,
							plat.period / 2)))
				plat.c.too_often++;
			plat.last_doorbell = now;
			plat.outbox_owned = true;
			plat.outbox_due = ktime_add_ms(now,
						       READ_ONCE(complete_delay_ms));
		}
	}
	if (plat.outbox_owned && !READ_ONCE(never_complete) &&
	    !ktime_before(now, plat.outbox_due)) {
		plat_outbox_complete(now);
		active = true;
	}
	return active;
}

static void plat_fill_request(struct plat_msg *m, u8 dest, u8 src, u32 size,
			      u8 tag);

/* inbox_flood: a request of our own whenever the queue runs dry */
static void plat_flood(void)
{
	struct plat_msg *m;

	raw_spin_lock(&plat.lock);
	if (!plat.count) {
		m = plat_enqueue();
		if (m)
			plat_fill_request(m, 10, 9, 8, 0);
	}
	raw_spin_unlock(&plat.lock);
}

/* Post the next queued message once the OS has consumed the last one */
static bool plat_inbox_one(void)
{
	void __iomem *shmem = plat.mem + SHMEM_INBOX;
	struct plat_hdr hdr;
	struct plat_msg *m;
	bool active = false;
	bool posted = false;

	if (reg_read(REG_INBOX + REG_DB)) {
		reg_write(REG_INBOX + REG_DB, 0);
		plat.c.inbox_doorbells++;
		active = true;
	}
	if (!(reg_read(REG_INBOX + REG_CMD) & CMD_COMPLETE)) {
		/* the OS still has the last one: a flood nags */
		if (READ_ONCE(inbox_flood))
			plat_raise(plat.irq_inbox, REG_INBOX, &plat.c.inbox_irqs,
				   &plat.c.inbox_irq_acks);
		return active;
	}
	if (plat.inbox_posted) {
		plat.inbox_posted = false;
		plat.c.inbox_acks++;
		active = true;
	}
	if (READ_ONCE(inbox_flood))
		plat_flood();

	raw_spin_lock(&plat.lock);
	if (plat.count) {
		m = &plat.queue[plat.head];
		hdr.signature = cpu_to_le32(m->signature);
		hdr.flags = cpu_to_le32(m->flags);
		hdr.length = cpu_to_le32(m->length);
		memcpy(hdr.command, m->command, sizeof(hdr.command));
		memcpy_toio(shmem, &hdr, sizeof(hdr));
		memcpy_toio(shmem + HDR_SIZE, m->pkt, m->copy);
		plat.head = (plat.head + 1) % queue_len;
		plat.count--;
		plat.c.sent++;
		posted = true;
	}
	raw_spin_unlock(&plat.lock);
	if (!posted)
		return active;

	wmb();	/* the message before "new message" */
	reg_write(REG_INBOX + REG_CMD,
		  reg_read(REG_INBOX + REG_CMD) & ~CMD_COMPLETE);
	plat.inbox_posted = true;
	plat_raise(plat.irq_inbox, REG_INBOX, &plat.c.inbox_irqs,
		   &plat.c.inbox_irq_acks);
	return true;
}

/* Up to inbox_burst messages, while the OS takes each inside the irq */
static bool plat_inbox(void)
{
	unsigned int burst = clamp(READ_ONCE(inbox_burst), 1U, 64U);
	bool active = false;

	while (burst-- && plat_inbox_one())
		active = true;
	return active;
}

/* A poll period, kept within 10 us .. 1 s whatever the parameters say */
static ktime_t us_ktime(unsigned int us)
{
	return ns_to_ktime((u64)clamp(us, 10U, 1000000U) * NSEC_PER_USEC);
}

static enum hrtimer_restart plat_tick(struct hrtimer *timer)
{
	ktime_t now = ktime_get();
	bool active = false;
	unsigned int us;

	plat_ack_seen(REG_OUTBOX, &plat.c.outbox_irq_acks);
	plat_ack_seen(REG_INBOX, &plat.c.inbox_irq_acks);
	if (plat_outbox(now))
		active = true;
	if (plat_late_irqs(now))
		active = true;
	if (plat_inbox())
		active = true;

	if (active)
		plat.busy_until = ktime_add_ns(now, BUSY_NS);
	if (ktime_before(now, plat.busy_until))
		us = READ_ONCE(poll_busy_us);
	else
		us = READ_ONCE(poll_idle_us);
	hrtimer_forward_now(timer, us_ktime(us));
	return HRTIMER_RESTART;
}

/* Fill @m with an MCTP request of @size bytes from @src to @dest */
static void plat_fill_request(struct plat_msg *m, u8 dest, u8 src, u32 size,
			      u8 tag)
{
	u32 i;

	m->pkt[0] = MCTP_VER;
	m->pkt[1] = dest;
	m->pkt[2] = src;
	m->pkt[3] = MCTP_SOM | MCTP_EOM | MCTP_TO | (tag & 7);
	for (i = MCTP_HDR_SIZE; i < size; i++)
		m->pkt[i] = i;
	if (size > MCTP_HDR_SIZE)
		m->pkt[4] = 0x7e;		/* message type: vendor (PCI) */
	m->length = 4 + size;
	m->copy = size;
	plat.c.injected++;
}

/* Queue @count MCTP requests of @size bytes from @src to @dest */
static int plat_inject_requests(unsigned int count, unsigned int dest,
				unsigned int src, unsigned int size)
{
	struct plat_msg *m;
	unsigned long flags;
	unsigned int i;

	if (dest > 255 || src > 255 || size < MCTP_HDR_SIZE || size > MAX_PKT)
		return -EINVAL;
	for (i = 0; i < count; i++) {
		raw_spin_lock_irqsave(&plat.lock, flags);
		m = plat_enqueue();
		if (m)
			plat_fill_request(m, dest, src, size, i);
		raw_spin_unlock_irqrestore(&plat.lock, flags);
	}
	return 0;
}

/* Queue a valid 8-byte request from 9 to 10 with one header field spoilt */
static void plat_inject_bad(const char *what, u32 value)
{
	struct plat_msg *m;
	unsigned long flags;

	raw_spin_lock_irqsave(&plat.lock, flags);
	m = plat_enqueue();
	if (m) {
		plat_fill_request(m, 10, 9, 8, 0);
		if (!strcmp(what, "bad_signature")) {
			m->signature = value;
		} else if (!strcmp(what, "bad_command")) {
			memcpy(m->command, "NOPE", 4);
		} else if (!strcmp(what, "too_long")) {
			m->length = SHMEM_SIZE;	/* 12 + 4096 > 4096 */
		} else if (!strcmp(what, "length")) {
			/* the OS reads what the inbox holds past the 8 bytes */
			m->length = value;
		} else if (!strcmp(what, "too_short")) {
			m->length = 4 + MCTP_HDR_SIZE - 1;
			m->copy = MCTP_HDR_SIZE - 1;
		}
	}
	raw_spin_unlock_irqrestore(&plat.lock, flags);
}

static ssize_t inject_write(struct file *file, const char __user *ubuf,
			    size_t len, loff_t *ppos)
{
	unsigned int count = 1, dest = 10, src = 9, size = 8;
	u32 value = 0xdeadbeef;
	unsigned long flags;
	char buf[64], cmd[16];
	int n, ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	n = sscanf(buf, "%15s %u %u %u %u", cmd, &count, &dest, &src, &size);
	if (n < 1)
		return -EINVAL;

	if (!strcmp(cmd, "send")) {
		ret = plat_inject_requests(count, dest, src, size);
	} else if (!strcmp(cmd, "bad_signature")) {
		if (sscanf(buf, "%*s %x", &value) < 0)
			return -EINVAL;
		plat_inject_bad(cmd, value);
		ret = 0;
	} else if (!strcmp(cmd, "length")) {
		if (sscanf(buf, "%*s %u", &value) != 1 || value < 4 + 8)
			return -EINVAL;
		plat_inject_bad(cmd, value);
		ret = 0;
	} else if (!strcmp(cmd, "bad_command") || !strcmp(cmd, "too_long") ||
		   !strcmp(cmd, "too_short")) {
		plat_inject_bad(cmd, 0);
		ret = 0;
	} else if (!strcmp(cmd, "error_next")) {
		raw_spin_lock_irqsave(&plat.lock, flags);
		plat.error_next = true;
		raw_spin_unlock_irqrestore(&plat.lock, flags);
		ret = 0;
	} else if (!strcmp(cmd, "reset")) {
		raw_spin_lock_irqsave(&plat.lock, flags);
		memset(&plat.c, 0, sizeof(plat.c));
		raw_spin_unlock_irqrestore(&plat.lock, flags);
		ret = 0;
	} else {
		ret = -EINVAL;
	}
	return ret ? ret : len;
}

static const struct file_operations inject_fops = {
	.owner = THIS_MODULE,
	.write = inject_write,
};

static int counters_show(struct seq_file *s, void *unused)
{
	struct plat_counters c;
	unsigned long flags;
	unsigned int queued;

	raw_spin_lock_irqsave(&plat.lock, flags);
	c = plat.c;
	queued = plat.count;
	raw_spin_unlock_irqrestore(&plat.lock, flags);

	seq_printf(s, "doorbells %llu\n", c.doorbells);
	seq_printf(s, "consumed %llu\n", c.consumed);
	seq_printf(s, "bad %llu\n", c.bad);
	seq_printf(s, "ignored %llu\n", c.ignored);
	seq_printf(s, "replies %llu\n", c.replies);
	seq_printf(s, "injected %llu\n", c.injected);
	seq_printf(s, "completions %llu\n", c.completions);
	seq_printf(s, "errors %llu\n", c.errors);
	seq_printf(s, "outbox_irqs %llu\n", c.outbox_irqs);
	seq_printf(s, "outbox_irq_acks %llu\n", c.outbox_irq_acks);
	seq_printf(s, "sent %llu\n", c.sent);
	seq_printf(s, "inbox_irqs %llu\n", c.inbox_irqs);
	seq_printf(s, "inbox_irq_acks %llu\n", c.inbox_irq_acks);
	seq_printf(s, "inbox_acks %llu\n", c.inbox_acks);
	seq_printf(s, "inbox_doorbells %llu\n", c.inbox_doorbells);
	seq_printf(s, "inbox_drops %llu\n", c.inbox_drops);
	seq_printf(s, "early_doorbells %llu\n", c.early_doorbells);
	seq_printf(s, "too_soon %llu\n", c.too_soon);
	seq_printf(s, "delayed_irqs %llu\n", c.delayed_irqs);
	seq_printf(s, "too_often %llu\n", c.too_often);
	seq_printf(s, "delayed_completions %llu\n", c.delayed_completions);
	seq_printf(s, "queued %u\n", queued);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(counters);

static int plat_map_gsi(u32 gsi, unsigned int *irq)
{
	/* as drivers/mailbox/pcc.c maps it: edge, active high */
	int ret = acpi_register_gsi(NULL, gsi, ACPI_EDGE_SENSITIVE,
				    ACPI_ACTIVE_HIGH);

	if (ret < 0) {
		pr_err("cannot map GSI %u: %d\n", gsi, ret);
		return ret;
	}
	*irq = ret;
	return 0;
}

/*
 * Undo plat_map_gsi(). The pcc driver mapped the same GSIs at boot and
 * keeps their irqs: x86's IO-APIC counts the mappings, but on arm64
 * acpi_unregister_gsi() disposes of the GIC mapping whoever else holds it
 * (the pcc driver then fails to request "its" irq). There the mapping
 * stays, as the pcc driver's.
 */
static void plat_unmap_gsi(u32 gsi)
{
	if (IS_ENABLED(CONFIG_X86))
		acpi_unregister_gsi(gsi);
}

/* v6.13 brought hrtimer_setup(); hrtimer_init() went in 7.0 (Kbuild
 * looks for it)
 */
static void plat_timer_setup(struct hrtimer *timer,
			     enum hrtimer_restart (*fn)(struct hrtimer *))
{
#ifdef PLAT_HAVE_HRTIMER_SETUP
	hrtimer_setup(timer, fn, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
#else
	hrtimer_init(timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	timer->function = fn;
#endif
}

/*
 * Where the platform is, its GSIs and the outbox's timing rules, as the
 * PCCT we booted with gives them; the layout must be pcct.asl's
 */
static int plat_read_pcct(struct acpi_table_header *pcct)
{
	struct acpi_pcct_ext_pcc_master *ss, *in;

	ss = (void *)pcct + sizeof(struct acpi_table_pcct);
	in = (void *)ss + ss->header.length;
	if (pcct->length < sizeof(struct acpi_table_pcct) + 2 * sizeof(*ss) ||
	    ss->header.type != ACPI_PCCT_TYPE_EXT_PCC_MASTER_SUBSPACE ||
	    ss->header.length != sizeof(*ss) ||
	    in->header.type != ACPI_PCCT_TYPE_EXT_PCC_SLAVE_SUBSPACE) {
		pr_err("the PCCT is not tests/pcc's: no type 3 and type 4 subspace\n");
		return -ENODEV;
	}
	plat.base = ss->doorbell_register.address;
	if (ss->base_address != plat.base + SHMEM_OUTBOX ||
	    in->base_address != plat.base + SHMEM_INBOX ||
	    in->doorbell_register.address != plat.base + REG_INBOX + REG_DB ||
	    ss->cmd_complete_register.address != plat.base + REG_OUTBOX + REG_CMD ||
	    in->cmd_complete_register.address != plat.base + REG_INBOX + REG_CMD) {
		pr_err("the PCCT's layout is not tests/pcc/pcct.asl's\n");
		return -ENODEV;
	}
	plat.gsi_outbox = ss->platform_interrupt;
	plat.gsi_inbox = in->platform_interrupt;
	plat.turnaround = ns_to_ktime((u64)ss->min_turnaround_time * NSEC_PER_USEC);
	if (ss->max_access_rate)
		plat.period = ns_to_ktime(div_u64(60ULL * NSEC_PER_SEC,
						  ss->max_access_rate));
	return 0;
}

/* Whether @irq's controller can be asked to make it pending */
static bool plat_can_pend(unsigned int irq)
{
	bool pending;

	return !irq_get_irqchip_state(irq, IRQCHIP_STATE_PENDING, &pending);
}

static int __init plat_init(void)
{
	struct acpi_table_header *pcct;
	int ret;

	if (queue_len < 1 || queue_len > 1024) {
		pr_err("queue_len=%u is out of range (1..1024)\n", queue_len);
		return -EINVAL;
	}
	if (ACPI_FAILURE(acpi_get_table(ACPI_SIG_PCCT, 0, &pcct))) {
		pr_err("no PCCT: boot with tests/pcc's tables\n");
		return -ENODEV;
	}
	ret = plat_read_pcct(pcct);
	acpi_put_table(pcct);
	if (ret)
		return ret;
	if (region_intersects(plat.base, PLAT_SPAN, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT) {
		pr_err("%pa is RAM: keep it from the kernel (x86: memmap=1M$%pa)\n",
		       &plat.base, &plat.base);
		return -ENODEV;
	}

	plat.queue = vcalloc(queue_len, sizeof(*plat.queue));
	if (!plat.queue)
		return -ENOMEM;
	raw_spin_lock_init(&plat.lock);

#ifdef CONFIG_X86
	/* cacheable, as x86's acpi_os_ioremap() maps it for the pcc driver */
	plat.mem = ioremap_cache(plat.base, PLAT_SPAN);
#else
	/*
	 * device memory, as arm64's acpi_os_ioremap() maps what the EFI
	 * memory map leaves out
	 */
	plat.mem = ioremap(plat.base, PLAT_SPAN);
#endif
	if (!plat.mem) {
		ret = -ENOMEM;
		goto err_free;
	}
	ret = plat_map_gsi(plat.gsi_outbox, &plat.irq_outbox);
	if (ret)
		goto err_unmap;
	ret = plat_map_gsi(plat.gsi_inbox, &plat.irq_inbox);
	if (ret)
		goto err_outbox;
	plat.raise_pending = !raise_generic &&
			     plat_can_pend(plat.irq_outbox) &&
			     plat_can_pend(plat.irq_inbox);
	plat.ack_due[0] = false;
	plat.ack_due[1] = false;

	/* Idle mailboxes: no doorbell, no error, nothing outstanding */
	memset_io(plat.mem + SHMEM_OUTBOX, 0, HDR_SIZE);
	memset_io(plat.mem + SHMEM_INBOX, 0, HDR_SIZE);
	reg_write(REG_OUTBOX + REG_DB, 0);
	reg_write(REG_OUTBOX + REG_ERR, 0);
	reg_write(REG_OUTBOX + REG_CMD, CMD_COMPLETE);
	reg_write(REG_INBOX + REG_DB, 0);
	reg_write(REG_INBOX + REG_ERR, 0);
	reg_write(REG_INBOX + REG_CMD, CMD_COMPLETE);

	plat.dir = debugfs_create_dir("mctp-pcc-platform", NULL);
	debugfs_create_file("inject", 0200, plat.dir, NULL, &inject_fops);
	debugfs_create_file("counters", 0444, plat.dir, NULL,
			    &counters_fops);

	plat_timer_setup(&plat.timer, plat_tick);
	hrtimer_start(&plat.timer, us_ktime(poll_idle_us),
		      HRTIMER_MODE_REL_HARD);
	pr_info("platform up at %pa: GSI %u is irq %u, GSI %u is irq %u, raised %s, mode %s, turnaround %lld us, doorbell period %lld us\n",
		&plat.base, plat.gsi_outbox, plat.irq_outbox, plat.gsi_inbox,
		plat.irq_inbox,
		plat.raise_pending ? "by the interrupt controller" :
				     "by generic_handle_irq()",
		mode_names[plat_mode], ktime_to_us(plat.turnaround),
		ktime_to_us(plat.period));
	return 0;

err_outbox:
	plat_unmap_gsi(plat.gsi_outbox);
err_unmap:
	iounmap(plat.mem);
err_free:
	vfree(plat.queue);
	return ret;
}

static void __exit plat_exit(void)
{
	debugfs_remove(plat.dir);	/* waits for writers of "inject" */
	hrtimer_cancel(&plat.timer);
	plat_unmap_gsi(plat.gsi_inbox);
	plat_unmap_gsi(plat.gsi_outbox);
	iounmap(plat.mem);
	vfree(plat.queue);
	pr_info("platform down\n");
}

module_init(plat_init);
module_exit(plat_exit);

MODULE_DESCRIPTION("Emulated PCC platform for MCTP tests (test VM only)");
MODULE_LICENSE("GPL");
