import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect(("127.0.0.1", int(sys.argv[-1])))
s.sendall("你好".encode("utf-8"))
s.close()
print("欢迎")
