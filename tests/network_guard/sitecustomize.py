"""Started by every Python process the tests launch (it is on their PYTHONPATH).

A connection to anything but this machine is refused and written to the file named by
PYTORCH_ZH_NETWORK_LOG, so a test can tell that a build tried to reach the network.
"""

import ipaddress
import os
import socket

_connect = socket.socket.connect


def _is_local(address) -> bool:
    host = address[0] if isinstance(address, tuple) else None
    if host is None:
        return True  # a Unix socket
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _guarded_connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address):
        log = os.environ.get("PYTORCH_ZH_NETWORK_LOG")
        if log:
            with open(log, "a", encoding="utf-8") as f:
                f.write(f"{address}\n")
        raise OSError(f"the tests allow no network access (tried {address})")
    return _connect(self, address)


socket.socket.connect = _guarded_connect
