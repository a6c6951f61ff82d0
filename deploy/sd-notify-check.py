#!/usr/bin/env python3
"""Checks that a published host speaks the systemd notify protocol (Type=notify) without systemd running.

Usage: deploy/sd-notify-check.py <timeout-s> [--hold <s>] <command> [args...]

Microsoft.Extensions.Hosting.Systemd switches on only when the process's parent is called "systemd", so this
script renames itself "systemd" (prctl PR_SET_NAME), listens on a Unix datagram socket given as NOTIFY_SOCKET,
starts the command, prints every notification, keeps it running --hold seconds after READY=1, then stops it with SIGTERM (as systemctl stop does) and prints
what follows. Exit code 0 when READY=1 arrived, 1 otherwise.
"""
import ctypes, os, signal, socket, subprocess, sys, tempfile, time

timeout, command, hold = float(sys.argv[1]), sys.argv[2:], 0.0
if command[:1] == ["--hold"]:
    hold, command = float(command[1]), command[2:]
ctypes.CDLL(None).prctl(15, b"systemd", 0, 0, 0)  # PR_SET_NAME: the child sees parent comm "systemd"
path = os.path.join(tempfile.mkdtemp(), "notify")
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(path)
sock.settimeout(0.2)
env = dict(os.environ, NOTIFY_SOCKET=path)
start = time.monotonic()
child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
ready = False
while time.monotonic() - start < timeout and not ready:
    try:
        message = sock.recv(4096).decode()
    except socket.timeout:
        if child.poll() is not None:
            break
        continue
    print(f"{time.monotonic() - start:6.2f}s {message!r}")
    ready = "READY=1" in message.split("\n")
if ready:
    time.sleep(hold)
    child.send_signal(signal.SIGTERM)
    stop = time.monotonic()
    while child.poll() is None and time.monotonic() - stop < 15:
        try:
            print(f"{time.monotonic() - start:6.2f}s {sock.recv(4096).decode()!r}")
        except socket.timeout:
            pass
    print(f"exit code after SIGTERM: {child.wait(5)}")
else:
    child.kill()
    print("no READY=1" + (f" (exited with {child.returncode})" if child.returncode is not None else ""))
sys.exit(0 if ready else 1)
