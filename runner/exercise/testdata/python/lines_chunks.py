# A line client that prints each recv as a message: the three lines come
# out stuck together in one print, and the piece cut inside a character
# cannot be decoded.
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[-1])), timeout=5)
while True:
    data = s.recv(1024)
    if not data:
        break
    print(repr(data.decode("utf-8")))
s.close()
