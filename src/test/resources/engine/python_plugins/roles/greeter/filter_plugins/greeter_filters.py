class FilterModule(object):
    def filters(self):
        return {'greet': lambda value: 'hello ' + str(value)}
