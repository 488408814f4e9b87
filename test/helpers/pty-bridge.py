"""Runs a command in a pseudo-terminal and bridges it to plain pipes, for e2e tests.

stdin bytes go to the terminal as keystrokes, terminal output goes to stdout,
the child's pid is the first line on stderr, and the exit status is the child's
(128 + signal when a signal ended it). Python's pty module stands in for node-pty.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios

pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])

fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
sys.stderr.write(f"pid {pid}\n")
sys.stderr.flush()
watched = [fd, 0]
while True:
    ready, _, _ = select.select(watched, [], [])
    if fd in ready:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        os.write(1, data)
    if 0 in ready:
        data = os.read(0, 65536)
        if data:
            os.write(fd, data)
        else:
            watched = [fd]
_, status = os.waitpid(pid, 0)
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
