module reports-worker

go 1.24
