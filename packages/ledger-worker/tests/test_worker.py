from app import worker


def test_do_work_runs() -> None:
    worker.do_work()
