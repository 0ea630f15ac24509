# A wrong HTTP client: the tutorial's request, with no Host header.
import socket, sys

s = socket.create_connection(('127.0.0.1', int(sys.argv[-1])))
s.sendall(b'GET / HTTP/1.1\r\n\r\n')
answer = b''
while True:
    data = s.recv(4096)
    if not data:
        break
    answer += data
print(answer.decode())
