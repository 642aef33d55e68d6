# Ansible's local connection that writes each exec_command and put_file to the file RECORDER_LOG names.
import os

from ansible.plugins.connection.local import Connection as LocalConnection


def record(line):
    with open(os.environ["RECORDER_LOG"], "a") as log:
        log.write(line + "\n")


class Connection(LocalConnection):
    def exec_command(self, cmd, in_data=None, sudoable=True):
        record("exec_command")
        return super().exec_command(cmd, in_data=in_data, sudoable=sudoable)

    def put_file(self, in_path, out_path):
        record("put_file " + os.path.basename(out_path))
        return super().put_file(in_path, out_path)
