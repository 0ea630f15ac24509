import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect(("127.0.0.1", int(sys.argv[-1])))
data = b""
while True:
    part = s.recv(1024)
    if not part:
        break
    data += part
print(data)
s.close()
