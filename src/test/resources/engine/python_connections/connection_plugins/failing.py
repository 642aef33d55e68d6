# A connection that never connects: its _connect raises AnsibleConnectionFailure (the host is unreachable).
from ansible.errors import AnsibleConnectionFailure
from ansible.plugins.connection.local import Connection as LocalConnection


class Connection(LocalConnection):
    def _connect(self):
        raise AnsibleConnectionFailure("no way in to {{ inventory_hostname }}")
