import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect(("127.0.0.1", int(sys.argv[-1])))
msg = s.recv(7)
print(msg.decode("utf-8"))
s.close()
