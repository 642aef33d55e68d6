data = 'spam7:bacon'
