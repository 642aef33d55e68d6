def bracket(value, left='[', right=']'):
    return left + str(value) + right
