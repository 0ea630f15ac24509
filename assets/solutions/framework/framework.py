# A timestamp echo server: socketserver owns listen, accept and a thread
# per client; the handler answers each request with ctime and its text.
# Usage: python3 framework.py PORT
import socketserver
import sys
import time

port = int(sys.argv[-1])


class TimestampEcho(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.settimeout(30)  # a silent client is given up on
        while True:
            data = self.request.recv(1024)
            if not data:  # b'': the client hung up
                break
            # Decode first: formatting the bytes would give b'hello python'.
            answer = '%s %s' % (time.ctime(), data.decode('utf-8', 'replace'))
            self.request.sendall(answer.encode('utf-8'))


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True  # restart without "address already in use"
    daemon_threads = True


with Server(('127.0.0.1', port), TimestampEcho) as server:
    server.serve_forever()
