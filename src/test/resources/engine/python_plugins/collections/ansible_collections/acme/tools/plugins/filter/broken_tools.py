# A file of the collection that fails to load: Ansible skips it, warning each time a template uses one of
# acme.tools' names (once per task on each host), and so does the engine (PythonPluginsTest).
class FilterModule:
    def filters(self):
        raise TypeError('broken_tools cannot say its filters')
