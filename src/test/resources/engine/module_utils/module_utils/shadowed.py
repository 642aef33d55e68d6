data = 'playbook wins'
