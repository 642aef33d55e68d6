data = 'playbook'
