#!/usr/bin/env python3
"""SMTP test server: records every message it accepts, for intake's SMTPSender tests.

Usage: smtp_recorder.py PORT OUTDIR

For each message, writes OUTDIR/<n>.eml (the DATA bytes exactly as received, dot-unstuffed) and
OUTDIR/<n>.json ({"mail_from": ..., "rcpt_tos": [...]}). Recipients whose local part is
"reject" are refused with 550, so tests can check error reporting. Prints "ready" once listening;
stops on SIGTERM.
Requires aiosmtpd (pip install aiosmtpd).
"""
import json
import os
import signal
import sys

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, outdir):
        self.outdir = outdir
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0] == "reject":
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.outdir, str(self.count))
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".json.tmp", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, f)
        os.rename(base + ".json.tmp", base + ".json")
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 Message accepted"


def main():
    port, outdir = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Recorder(outdir), hostname="127.0.0.1", port=port, decode_data=False)
    # Blocked before the server's thread starts, so it inherits the mask and only the main thread's
    # sigwait takes SIGTERM: a handler plus a sleep in the main thread missed a SIGTERM delivered to the
    # server's thread (the sleep is not interrupted), and the test waiting for the exit hung for an hour.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    controller.start()
    print("ready", flush=True)
    try:
        signal.sigwait({signal.SIGTERM, signal.SIGINT})
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
