__version__ = 'the playbook shadows ansible_release'
