class TestModule(object):
    def tests(self):
        return {'greeting': lambda value: str(value).startswith('hello ')}
