"""A real FTP client (Python's ftplib, passive mode) for the FTP receiver's tests.

usage: ftp-client.py <json>   where json is {"host", "port", "user", "password", "tls"?, "steps": [...]}
Each step is one of
  {"do": "stor", "name": remote name, "file": local path}
  {"do": "cut", "name": remote name, "file": local path, "bytes": n}   sends n bytes, then resets the data connection
  {"do": "cmd", "line": raw command}
  {"do": "cwd" | "mkd", "path": p}
Prints one JSON object: {"login": reply, "steps": [{"ok": bool, "reply": text}]}; a refused login
gives {"login": null, "error": text}.
"""
import ftplib
import json
import socket
import struct
import sys


def main():
    job = json.loads(sys.argv[1])
    ftp = ftplib.FTP_TLS(timeout=30) if job.get("tls") else ftplib.FTP(timeout=30)
    ftp.connect(job["host"], job["port"])
    try:
        login = ftp.login(job["user"], job["password"])
    except ftplib.all_errors as err:
        print(json.dumps({"login": None, "error": str(err)}))
        return
    if job.get("tls"):
        ftp.prot_p()
    ftp.set_pasv(True)
    results = []
    for step in job.get("steps", []):
        try:
            results.append({"ok": True, "reply": run(ftp, step)})
        except ftplib.all_errors as err:
            results.append({"ok": False, "reply": str(err)})
    try:
        ftp.quit()
    except ftplib.all_errors:
        ftp.close()
    print(json.dumps({"login": login, "steps": results}))


def run(ftp, step):
    kind = step["do"]
    if kind == "stor":
        with open(step["file"], "rb") as f:
            return ftp.storbinary("STOR " + step["name"], f)
    if kind == "cut":
        with open(step["file"], "rb") as f:
            data = f.read(step["bytes"])
        ftp.voidcmd("TYPE I")
        conn = ftp.transfercmd("STOR " + step["name"])
        conn.sendall(data)
        # a camera that loses Wi-Fi: the connection is reset, never closed cleanly
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()
        return ftp.getresp()
    if kind == "cmd":
        return ftp.sendcmd(step["line"])
    if kind == "cwd":
        return ftp.cwd(step["path"])
    if kind == "mkd":
        return ftp.mkd(step["path"])
    raise ValueError("unknown step " + kind)


main()
