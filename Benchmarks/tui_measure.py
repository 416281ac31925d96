#!/usr/bin/env python3
"""Measures the interactive view through a pseudo-terminal, as the TUI issue asks:

- time from start to the first complete frame;
- bytes written per animation frame, one optimizer running, 120x40, 256 colours;
- CPU while animating and while paused.

usage: python3 Benchmarks/tui_measure.py [path/to/descent]   (default .build/release/descent)
A frame is one burst of output: ncurses writes each refresh in one go, at most 30 a second.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/descent"
CLOCK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK


def read_bursts(fd, seconds, gap=0.008):
    """Reads for `seconds`; returns the sizes of bursts separated by `gap` of silence."""
    bursts, current = [], 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], gap)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            current += len(data)
        elif current:
            bursts.append(current)
            current = 0
    if current:
        bursts.append(current)
    return bursts


def main():
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
    env.pop("NO_COLOR", None)
    env.pop("COLORTERM", None)
    started = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(sys.stdout.fileno(), termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.execve(binary, [binary, "rosenbrock", "--optimizer", "adam"], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))

    # The first frame is complete once the status bar (its "steps/s") has been written.
    seen = b""
    while b"steps/s" not in seen:
        ready, _, _ = select.select([fd], [], [], 5)
        if not ready:
            sys.exit("no first frame within 5 s")
        seen += os.read(fd, 65536)
    first_frame_ms = (time.monotonic() - started) * 1000
    read_bursts(fd, 0.5)  # let the first paint finish

    cpu0 = cpu_seconds(pid)
    t0 = time.monotonic()
    bursts = read_bursts(fd, 5)
    animating_cpu = (cpu_seconds(pid) - cpu0) / (time.monotonic() - t0)

    os.write(fd, b" ")  # pause
    read_bursts(fd, 0.5)
    cpu0 = cpu_seconds(pid)
    t0 = time.monotonic()
    paused_bytes = sum(read_bursts(fd, 3))
    paused_cpu = (cpu_seconds(pid) - cpu0) / (time.monotonic() - t0)

    os.write(fd, b"q")
    os.waitpid(pid, 0)

    frames = len(bursts)
    print(f"start to first frame:        {first_frame_ms:.0f} ms   (target <= 150 ms)")
    print(f"bytes per second:            {sum(bursts) / 5:.0f} B")
    print(f"frames that wrote anything:  {frames} in 5 s ({frames / 5:.1f} per second; at most 30)")
    print(f"bytes per such frame:        {sum(bursts) / max(1, frames):.0f} B average   (target <= 120 B)")
    print(f"bytes per 30 Hz frame:       {sum(bursts) / (5 * 30):.0f} B average")
    print(f"bytes per frame, max:        {max(bursts) if bursts else 0} B")
    print(f"CPU while animating:         {animating_cpu * 100:.1f} % of one core")
    print(f"CPU while paused:            {paused_cpu * 100:.2f} % of one core, {paused_bytes} B written")


if __name__ == "__main__":
    main()
