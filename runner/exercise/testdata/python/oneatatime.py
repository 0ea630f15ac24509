import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[-1])))
s.listen(5)
while True:
    c, a = s.accept()
    c.recv(1024)
    c.sendall("欢迎".encode())
    c.close()
