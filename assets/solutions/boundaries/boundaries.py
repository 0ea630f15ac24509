# The line client: read newline-ended messages, however they arrive, and
# print each. Usage: python3 boundaries.py PORT
import socket
import sys

port = int(sys.argv[-1])
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.settimeout(5)
s.connect(("127.0.0.1", port))

# makefile() wraps the socket in a buffered reader: readline() calls recv
# as often as it needs to find a newline, and keeps the rest for the next
# line. Several messages in one recv, or one message over several, come
# out a line at a time.
f = s.makefile("rb")
while True:
    line = f.readline()
    if not line:  # b'': the end of the stream
        break
    # Decode a whole line only: a recv may end inside a character.
    print(line.rstrip(b"\n").decode("utf-8"), flush=True)
f.close()
s.close()
