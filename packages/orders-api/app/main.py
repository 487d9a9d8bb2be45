"""orders-api: HTTP API."""

from fastapi import FastAPI

app = FastAPI(title="orders-api")


@app.get("/health")
def health() -> dict[str, str]:
    """Liveness probe used by the image HEALTHCHECK."""
    return {"status": "ok"}


@app.get("/")
def root() -> dict[str, str]:
    return {"service": "orders-api"}
