# A filter asking for Jinja's context, which the engine's templates do not have.
from jinja2 import pass_context


@pass_context
def needs_context(context, value):
    return value


class FilterModule(object):
    def filters(self):
        return {'needs_context': needs_context}
