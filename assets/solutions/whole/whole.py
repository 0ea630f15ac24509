# The whole message, 7 bytes at a time.
# Usage: python3 whole.py PORT
import socket
import sys

port = int(sys.argv[-1])
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.settimeout(5)
s.connect(("127.0.0.1", port))

full = b""
while True:
    # recv(7): up to 7 more bytes.
    msg = s.recv(7)
    # 0 bytes: the server closed, the message is complete.
    if len(msg) == 0:
        break
    full += msg

# Decode once, after the whole message is in: a 7-byte piece can end
# in the middle of a character, and decoding it alone fails.
print(full.decode("utf-8"))
s.close()
