# The UDP client: one datagram out, one back.
# Usage: python3 udp.py PORT
import socket
import sys

port = int(sys.argv[-1])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
# A lost datagram is never announced: do not wait forever.
s.settimeout(5)

# sendto: one datagram, no connection.
s.sendto("你好".encode("utf-8"), ("127.0.0.1", port))

# recvfrom(1024): the answer and who sent it.
msg, addr = s.recvfrom(1024)
print(msg.decode("utf-8"))
s.close()
