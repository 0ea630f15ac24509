# A client that waits for its server: while the connection is refused,
# pause and try again; once connected, say 你好 and print the answer.
# Usage: python3 retry.py PORT
import socket
import sys
import time

port = int(sys.argv[-1])

# connect(), again and again while nothing listens: a refusal means
# "not yet". Any other error is not cured by trying again, and is raised.
for attempt in range(50):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        break
    except ConnectionRefusedError:
        time.sleep(0.1)  # a pause, not a hammering
else:
    sys.exit("gave up: the connection was refused 50 times")

with s:
    # send: 你好 as UTF-8 bytes.
    s.sendall("你好".encode("utf-8"))
    # recv(1024): the answer.
    print(s.recv(1024).decode("utf-8"))
