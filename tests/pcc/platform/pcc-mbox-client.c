// SPDX-License-Identifier: GPL-2.0
/*
 * pcc-mbox-client: a bare PCC mailbox client that checks the emulated PCC
 * platform (mctp-pcc-platform.c) end to end through Linux's PCC mailbox
 * driver, with no MCTP driver involved. Tests only; never packaged.
 *
 * Loading takes subspace 0 (outbox) and 1 (inbox); unloading frees them.
 * Writing N to the "run" parameter sends N MCTP requests of "size" bytes
 * from EID 10 to EID 9 through the outbox; each must complete (outbox
 * interrupt) and come back as the platform's echo (inbox interrupt):
 * source and destination swapped, Tag Owner cleared, the same tag and
 * payload. The write fails (-EIO) if one does not. Read-only parameters
 * count the inbox: "received" (good headers), "bad" (bad headers), "early"
 * (arrived before pcc_mbox_request_channel () returned: the pcc driver
 * runs the callback as soon as the channel's interrupt is requested, so a
 * message the platform posted before the client bound comes in then) and
 * "stray" (not the answer being waited for).
 *
 * Lessons for a driver, on this kernel (6.12): the pcc driver does not
 * report TX done, so the outbox client calls mbox_chan_txdone () itself,
 * when the completion interrupt comes or when it gives up waiting
 * (otherwise the mailbox core never submits the next message); and the
 * inbox callback runs in hard interrupt context, where it must copy the
 * message out before returning (the pcc driver acknowledges it then).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/mailbox_client.h>
#include <linux/mailbox_controller.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <acpi/pcc.h>

#define HDR_SIZE	16
#define MAX_PKT		(4096 - HDR_SIZE)
#define MCTP_HDR_SIZE	4
#define MCTP_TO		0x08

static unsigned int size = 64;
module_param(size, uint, 0644);
MODULE_PARM_DESC(size, "MCTP packet bytes, header included (default 64)");
static unsigned int received;
module_param(received, uint, 0444);
MODULE_PARM_DESC(received, "inbox messages received (read only)");
static unsigned int bad;
module_param(bad, uint, 0444);
MODULE_PARM_DESC(bad, "inbox messages with a bad header (read only)");
static unsigned int early;
module_param(early, uint, 0444);
MODULE_PARM_DESC(early, "inbox messages before the channel was ours");
static unsigned int stray;
module_param(stray, uint, 0444);
MODULE_PARM_DESC(stray, "inbox messages that were not the awaited answer");

/* The extended PCC header at the start of each shared memory */
struct client_hdr {
	__le32 signature;
	__le32 flags;
	__le32 length;
	u8 command[4];
};

static struct {
	struct mbox_client out_cl;
	struct mbox_client in_cl;
	struct pcc_mbox_chan *out;
	struct pcc_mbox_chan *in;
	struct completion completed;	/* outbox command complete */
	struct completion answered;	/* inbox message captured */
	bool armed;			/* capture the next inbox message */
	u8 rx[MAX_PKT];			/* the captured packet */
	u32 rx_len;
} *cl;

static void out_rx(struct mbox_client *c, void *unused)
{
	struct pcc_mbox_chan *out = READ_ONCE(cl->out);

	if (!out)
		return;
	complete(&cl->completed);
	mbox_chan_txdone(out->mchan, 0);
}

/* Hard interrupt context: take the packet before the pcc driver acks it */
static void in_rx(struct mbox_client *c, void *unused)
{
	struct pcc_mbox_chan *in = READ_ONCE(cl->in);
	struct client_hdr hdr;
	u32 len;

	if (!in) {
		early++;
		return;
	}
	memcpy_fromio(&hdr, in->shmem, sizeof(hdr));
	len = le32_to_cpu(hdr.length);
	if (le32_to_cpu(hdr.signature) != (PCC_SIGNATURE | 1) ||
	    memcmp(hdr.command, "MCTP", 4) || len < 4 + MCTP_HDR_SIZE ||
	    len > in->shmem_size - HDR_SIZE + 4) {
		bad++;
		return;
	}
	received++;
	if (!READ_ONCE(cl->armed)) {
		stray++;
		return;
	}
	cl->rx_len = len - 4;
	memcpy_fromio(cl->rx, in->shmem + HDR_SIZE, cl->rx_len);
	WRITE_ONCE(cl->armed, false);
	complete(&cl->answered);
}

static int client_exchange(u8 *pkt, unsigned int i)
{
	unsigned int j, len = READ_ONCE(size);
	struct client_hdr hdr = {
		.signature = cpu_to_le32(PCC_SIGNATURE),
		.flags = cpu_to_le32(PCC_CMD_COMPLETION_NOTIFY),
		.length = cpu_to_le32(4 + len),
		.command = { 'M', 'C', 'T', 'P' },
	};
	int ret;

	if (len < MCTP_HDR_SIZE || len > MAX_PKT)
		return -EINVAL;
	pkt[0] = 0x01;			/* MCTP 1.0 */
	pkt[1] = 9;			/* to the platform's EID */
	pkt[2] = 10;			/* from ours */
	pkt[3] = 0xc0 | MCTP_TO | (i & 7);	/* SOM, EOM, TO, tag */
	for (j = MCTP_HDR_SIZE; j < len; j++)
		pkt[j] = i + j;

	reinit_completion(&cl->completed);
	reinit_completion(&cl->answered);
	WRITE_ONCE(cl->armed, true);
	memcpy_toio(cl->out->shmem, &hdr, sizeof(hdr));
	memcpy_toio(cl->out->shmem + HDR_SIZE, pkt, len);
	ret = mbox_send_message(cl->out->mchan, NULL);
	if (ret < 0) {
		pr_err("request %u: send: %d\n", i, ret);
		WRITE_ONCE(cl->armed, false);
		return ret;
	}
	if (!wait_for_completion_timeout(&cl->completed, 3 * HZ)) {
		pr_err("request %u: no completion interrupt\n", i);
		WRITE_ONCE(cl->armed, false);
		mbox_chan_txdone(cl->out->mchan, -ETIME);
		return -EIO;
	}

	/* the answer, passing over what else comes in meanwhile */
	pkt[1] = 10;
	pkt[2] = 9;
	pkt[3] &= ~MCTP_TO;
	for (;;) {
		if (!wait_for_completion_timeout(&cl->answered, 3 * HZ)) {
			pr_err("request %u: no answer\n", i);
			WRITE_ONCE(cl->armed, false);
			return -EIO;
		}
		if (cl->rx_len == len && !memcmp(cl->rx, pkt, len))
			return 0;
		stray++;
		reinit_completion(&cl->answered);
		WRITE_ONCE(cl->armed, true);
	}
}

/* "echo N >run": N exchanges, one at a time */
static int run_set(const char *val, const struct kernel_param *kp)
{
	unsigned int i, n;
	u8 *pkt;
	int ret;

	ret = kstrtouint(val, 0, &n);
	if (ret)
		return ret;
	pkt = kzalloc(MAX_PKT, GFP_KERNEL);
	if (!pkt)
		return -ENOMEM;
	for (i = 0; i < n && !ret; i++)
		ret = client_exchange(pkt, i);
	kfree(pkt);
	if (!ret)
		pr_info("%u requests of %u bytes answered\n", n, size);
	return ret;
}

static const struct kernel_param_ops run_ops = {
	.set = run_set,
};

module_param_cb(run, &run_ops, NULL, 0200);
MODULE_PARM_DESC(run, "write N: send N requests, check the N echoes");

static int __init client_init(void)
{
	struct pcc_mbox_chan *chan;
	int ret;

	cl = kzalloc(sizeof(*cl), GFP_KERNEL);
	if (!cl)
		return -ENOMEM;
	init_completion(&cl->completed);
	init_completion(&cl->answered);
	cl->out_cl.rx_callback = out_rx;
	cl->in_cl.rx_callback = in_rx;

	chan = pcc_mbox_request_channel(&cl->out_cl, 0);
	if (IS_ERR(chan)) {
		ret = PTR_ERR(chan);
		goto err_free;
	}
	WRITE_ONCE(cl->out, chan);
	chan = pcc_mbox_request_channel(&cl->in_cl, 1);
	if (IS_ERR(chan)) {
		ret = PTR_ERR(chan);
		goto err_out;
	}
	WRITE_ONCE(cl->in, chan);
	return 0;

err_out:
	pcc_mbox_free_channel(cl->out);
err_free:
	kfree(cl);
	return ret;
}

static void __exit client_exit(void)
{
	pcc_mbox_free_channel(cl->in);
	pcc_mbox_free_channel(cl->out);
	kfree(cl);
}

module_init(client_init);
module_exit(client_exit);

MODULE_DESCRIPTION("Bare PCC mailbox client checking the emulated platform");
MODULE_LICENSE("GPL");
