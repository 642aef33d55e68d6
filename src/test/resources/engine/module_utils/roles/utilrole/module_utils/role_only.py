data = 'role'
