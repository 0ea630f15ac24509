# A wrong HTTP client: the tutorial's one recv(4096), which holds only
# the head and the first part of a longer page.
import socket, sys

s = socket.create_connection(('127.0.0.1', int(sys.argv[-1])))
s.sendall(b'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
answer = s.recv(4096)
head, _, body = answer.partition(b'\r\n\r\n')
print(head.split(b' ')[1].decode())
print(body.decode('utf-8', 'replace'))
s.close()
