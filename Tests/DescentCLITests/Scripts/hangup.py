"""Closes the terminal under a running `descent` and reports how it ended.

usage: python3 hangup.py path/to/descent [ARGS...]

descent runs on a pseudo-terminal that is NOT its controlling terminal, so closing the
master side sends no SIGHUP: descent only sees its reads and writes fail (EIO), as after a
dropped SSH connection whose hangup signal was lost. After the first frame the master is
closed; the script then waits up to 5 s and prints one line:

    exit=STATUS cpu=SECONDS seconds=ELAPSED

or `exit=timeout ...` if descent was still running (it is then killed).
"""
import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time

CLOCK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK


master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
process = subprocess.Popen(
    sys.argv[1:], stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
)
os.close(slave)
received = 0
deadline = time.monotonic() + 5
while received < 2000 and time.monotonic() < deadline:
    ready, _, _ = select.select([master], [], [], 0.1)
    if ready:
        received += len(os.read(master, 65536))
time.sleep(0.2)
os.close(master)
closed = time.monotonic()
cpu_before = cpu_seconds(process.pid)
try:
    status = process.wait(timeout=5)
    print(f"exit={status} cpu=0 seconds={time.monotonic() - closed:.2f}")
except subprocess.TimeoutExpired:
    cpu = cpu_seconds(process.pid) - cpu_before
    process.kill()
    process.wait()
    print(f"exit=timeout cpu={cpu:.2f} seconds=5")
