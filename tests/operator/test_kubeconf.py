"""lightkube's config from kopf's login: the same server, TLS material and credentials (kubeconf.py).

Certificates are real (generated here) and loaded by lightkube's own TLS setup, so a kubeconfig
with `client-certificate-data` (base64) or raw PEM works as it does for kopf."""

from __future__ import annotations

import base64
import datetime

import kopf
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from lightkube.config.client_adapter import user_auth, verify_cluster
from scriptjob_operator.kubeconf import config_from


def self_signed() -> tuple[bytes, bytes]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "operator")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


@pytest.mark.parametrize("encode", [base64.b64encode, lambda pem: pem], ids=["base64", "raw-pem"])
def test_client_certificates_given_as_data_load(encode):
    cert, key = self_signed()
    info = kopf.ConnectionInfo(
        server="https://api.example:6443/",
        ca_data=encode(cert).decode(),
        certificate_data=encode(cert).decode(),
        private_key_data=encode(key).decode(),
        default_namespace="shop-1",
    )
    config = config_from(info)
    assert config.cluster.server == "https://api.example:6443" and config.namespace == "shop-1"
    assert config.user is not None
    context = verify_cluster(config.cluster, config.user, config.abs_file)  # lightkube's own TLS setup
    assert context.cert_store_stats()["x509_ca"] == 1  # the CA from the data, not the system bundle


def test_bearer_token_basic_auth_and_insecure():
    token = config_from(kopf.ConnectionInfo(server="https://k", token="t0k", insecure=True))
    assert token.cluster.insecure and token.user is not None
    assert user_auth(token.user) is not None and token.user.token == "t0k"
    basic = config_from(kopf.ConnectionInfo(server="https://k", username="u", password="p"))
    assert basic.user is not None and (basic.user.username, basic.user.password) == ("u", "p")
    with pytest.raises(ValueError, match="Bearer tokens only"):
        config_from(kopf.ConnectionInfo(server="https://k", scheme="Digest", token="x"))
