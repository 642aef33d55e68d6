# An action plugin that copies files to the host as Ansible's script and copy actions do: a file of the playbook and
# data into the temporary folder ActionBase makes (TRANSFERS_FILES), their permissions fixed for the become user, then
# runs the file as a command and a module that reads the data, fetches the data back and removes the folder itself.
import os
import tempfile

from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    TRANSFERS_FILES = True

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        tmpdir = self._connection._shell.tmpdir
        script = self._connection._shell.join_path(tmpdir, 'script.sh')
        self._transfer_file(self._find_needle('files', self._task.args['src']), script)
        data = self._connection._shell.join_path(tmpdir, 'data.txt')
        self._transfer_data(data, {'text': self._task.args['text']})
        self._fixup_perms2((tmpdir, script, data))
        modes = self._low_level_execute_command("stat -c '%%a %%U' %s %s" % (script, data), sudoable=False)
        ran = self._low_level_execute_command("%s %s" % (script, data))
        shown = self._execute_module(module_name='ansible.legacy.command', module_args={'_raw_params': 'cat ' + data},
                                     task_vars=task_vars)
        fd, local = tempfile.mkstemp()
        os.close(fd)
        try:
            self._connection.fetch_file(data, local)
            with open(local) as f:
                fetched = f.read()
        finally:
            os.unlink(local)
        self._remove_tmp_path(tmpdir)
        result.update(modes=modes['stdout'].splitlines(), ran=ran['stdout'].strip(), rc=ran['rc'], shown=shown['stdout'],
                      fetched=fetched, removed=not self._remote_file_exists(tmpdir), changed=True)
        return result
