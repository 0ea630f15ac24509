import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect(("127.0.0.1", int(sys.argv[-1])))
text = ""
while True:
    msg = s.recv(7)
    if not msg:
        break
    text += msg.decode("utf-8")
print(text)
s.close()
