# A connection that reports the user and password it was given (its options, templated from the host's variables as
# Ansible's TaskExecutor templates them): its _connect raises AnsibleConnectionFailure naming them.
from ansible.errors import AnsibleConnectionFailure
from ansible.plugins.connection.local import Connection as LocalConnection

DOCUMENTATION = '''
    name: checking
    short_description: reports its options
    description: [reports its options]
    author: runbook
    options:
      password:
        description: the password
        vars: [{name: ansible_password}]
      remote_user:
        description: the user
        vars: [{name: ansible_user}]
'''


class Connection(LocalConnection):
    transport = 'checking'

    def _connect(self):
        raise AnsibleConnectionFailure("given %s/%s" % (self.get_option('remote_user'), self.get_option('password')))
