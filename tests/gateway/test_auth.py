"""401/403 paths: API keys, JWTs (issuer, audience, expiry, algorithm), roles, dev mode, protected ops."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Iterator

import httpx
import jwt
import pytest

from script_agent.config.app import AuthSettings, GatewaySettings
from script_agent.gateway.auth import Authenticator
from script_agent.gateway.errors import ApiError
from script_agent.testing.gateway import (
    AUDIENCE,
    ISSUER,
    JWT_SECRET,
    KEYS,
    ServerThread,
    gateway_settings,
    make_jwt,
)
from script_agent.testing.llm_upstream import FakeLLMUpstream


def code_of(resp: httpx.Response) -> str:
    return resp.json()["code"]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-API-Key": "sk-not-a-key"},
        {"Authorization": "Bearer sk-not-a-key"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": f"Bearer {make_jwt('tenant-a', exp_in=-3600)}"},
        {"Authorization": f"Bearer {make_jwt('tenant-a', iss='https://evil.test')}"},
        {"Authorization": f"Bearer {make_jwt('tenant-a', aud='someone-else')}"},
        {"Authorization": f"Bearer {make_jwt('tenant-a', secret='another-secret-of-enough-length-000')}"},
        {"Authorization": f"Bearer {make_jwt('bad tenant!')}"},
        {
            "Authorization": "Bearer "
            + jwt.encode({"tenant": "tenant-a", "iss": ISSUER, "aud": AUDIENCE}, JWT_SECRET)
        },
        {"Authorization": "Bearer " + jwt.encode({"tenant": "tenant-a"}, None, algorithm="none")},
    ],
    ids=[
        "none",
        "bad-key",
        "bad-bearer-key",
        "basic",
        "expired",
        "issuer",
        "audience",
        "signature",
        "tenant",
        "no-exp",
        "alg-none",
    ],
)
async def test_invalid_credentials_are_401(client: httpx.AsyncClient, headers: dict[str, str]) -> None:
    for method, path in (("GET", "/api/v1/sessions"), ("POST", "/api/v1/generate")):
        resp = await client.request(method, path, headers=headers, json={"query": "x"})
        assert resp.status_code == 401, (path, resp.text)
        assert code_of(resp) == "unauthenticated"
        assert resp.headers["www-authenticate"] == "Bearer"


async def test_valid_key_and_jwt_are_accepted(client: httpx.AsyncClient) -> None:
    by_key = await client.get("/api/v1/sessions", headers=KEYS["a"].headers)
    by_bearer_key = await client.get(
        "/api/v1/sessions", headers={"Authorization": f"Bearer {KEYS['a'].value}"}
    )
    by_jwt = await client.get("/api/v1/sessions", headers={"Authorization": f"Bearer {make_jwt('tenant-a')}"})
    assert by_key.status_code == by_bearer_key.status_code == by_jwt.status_code == 200


async def test_reader_role_cannot_write(client: httpx.AsyncClient) -> None:
    reader = KEYS["reader"].headers
    assert (await client.get("/api/v1/sessions", headers=reader)).status_code == 200
    denied = await client.post("/api/v1/generate", json={"query": "写一段"}, headers=reader)
    assert denied.status_code == 403 and code_of(denied) == "forbidden"
    jwt_reader = {"Authorization": f"Bearer {make_jwt('tenant-a', role='reader')}"}
    assert (await client.post("/api/v1/sessions", json={}, headers=jwt_reader)).status_code == 403
    odd_role = {"Authorization": f"Bearer {make_jwt('tenant-a', role='root')}"}
    assert (await client.get("/api/v1/sessions", headers=odd_role)).status_code == 403


async def test_ops_endpoints_open_by_default(client: httpx.AsyncClient) -> None:
    assert (await client.get("/metrics")).status_code == 200
    assert (await client.get("/api/v1/health")).status_code == 200


def test_no_credential_source_refuses_to_start() -> None:
    for mode in ("api_key", "jwt", "api_key+jwt"):
        with pytest.raises(ValueError, match="no credential source"):
            Authenticator(AuthSettings(mode=mode, api_keys=None, api_keys_file=None, jwt_secret=None))


def test_bad_key_table_refuses_to_start() -> None:
    with pytest.raises(ValueError, match="sha256"):
        Authenticator(AuthSettings(mode="api_key", api_keys='{"plain-key": {"tenant": "t"}}'))


@pytest.fixture(scope="module")
def protected(upstream: FakeLLMUpstream) -> Iterator[ServerThread]:
    gw = GatewaySettings(metrics_require_auth=True, health_require_auth=True)
    server = ServerThread(gateway_settings(upstream.url, gateway=gw)).start()
    yield server
    server.stop()


async def test_ops_endpoints_protectable(protected: ServerThread) -> None:
    async with httpx.AsyncClient(base_url=protected.url, timeout=10) as c:
        for path in ("/metrics", "/api/v1/health"):
            assert (await c.get(path)).status_code == 401
            assert (await c.get(path, headers=KEYS["reader"].headers)).status_code == 200
        assert (await c.get("/api/v1/health/live")).status_code == 200


@pytest.fixture(scope="module")
def dev(upstream: FakeLLMUpstream) -> Iterator[ServerThread]:
    server = ServerThread(
        gateway_settings(upstream.url, auth=AuthSettings(mode="dev", dev_tenant="local"))
    ).start()
    yield server
    server.stop()


async def test_dev_mode_needs_no_credentials(dev: ServerThread) -> None:
    async with httpx.AsyncClient(base_url=dev.url, timeout=10) as c:
        created = await c.post("/api/v1/sessions", json={"id": "dev-1"})
        assert created.status_code == 201 and created.json()["tenant"] == "local"


def test_keys_file_is_loaded_and_checked(tmp_path) -> None:
    from script_agent.gateway.keys import hash_key

    secret = tmp_path / "keys.json"
    secret.write_text(json.dumps({hash_key("sk-from-file"): {"tenant": "t-file", "role": "reader"}}))
    auth = Authenticator(AuthSettings(mode="api_key", api_keys=None, api_keys_file=secret))
    principal = auth.authenticate("sk-from-file", None)
    assert (principal.tenant, principal.role, principal.method) == ("t-file", "reader", "api_key")
    with pytest.raises(ValueError, match="AUTH_API_KEYS_FILE"):
        Authenticator(AuthSettings(mode="api_key", api_keys_file=tmp_path / "missing.json"))


def test_rs256_tokens_and_no_algorithm_confusion() -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    auth = Authenticator(
        AuthSettings(
            mode="jwt", jwt_public_key=public_pem, jwt_algorithms=["RS256", "HS256"], jwt_issuer=ISSUER
        )
    )
    claims = {"tenant": "t-rsa", "iss": ISSUER, "exp": int(time.time()) + 60}
    good = jwt.encode(claims, private, algorithm="RS256")
    assert auth.authenticate(None, f"Bearer {good}").tenant == "t-rsa"
    with pytest.raises(ApiError):  # HS256 "signed" with the public key: the classic confusion attack
        auth.authenticate(None, f"Bearer {_hs256_by_hand(claims, public_pem.encode())}")
    with pytest.raises(ApiError):  # API keys are not accepted in jwt-only mode
        auth.authenticate("sk-test-tenant-a-writer", None)


def _hs256_by_hand(claims: dict, key: bytes) -> str:
    """PyJWT refuses to sign HS256 with a PEM key, so the forgery is built by hand."""

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    signing_input = b64(b'{"alg":"HS256","typ":"JWT"}') + "." + b64(json.dumps(claims).encode())
    signature = hmac.new(key, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(signature)}"
