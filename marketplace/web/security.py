"""HTTP security headers (flask-talisman) and the client's real address behind trusted proxies.

Every response — pages, API, static files, error pages — carries the Content-Security-Policy,
``X-Content-Type-Options: nosniff``, ``X-Frame-Options: DENY`` and the Referrer-Policy; HSTS is
added over HTTPS in production. Pages run only scripts served from ``marketplace/static`` (no
inline script, no ``on*`` attribute); inline styles are allowed.
"""

from __future__ import annotations

from flask import Flask
from flask_talisman import Talisman
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY: dict[str, str] = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def init_app(app: Flask) -> None:
    proxies = int(app.config["PROXY_FIX_X_FOR"])
    if proxies:
        # Only the addresses the trusted proxies appended count: a client cannot spoof its own.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    secure_cookie = bool(app.config["SESSION_COOKIE_SECURE"])
    production = app.config["MARKETPLACE_ENV"] == "production"
    hsts_max_age = int(app.config["HSTS_MAX_AGE"])
    # One Talisman per app: it keeps the app and its options on itself.
    app.extensions["talisman"] = Talisman(
        app,
        force_https=bool(app.config["FORCE_HTTPS"]),
        strict_transport_security=production and hsts_max_age > 0,
        strict_transport_security_max_age=hsts_max_age,
        strict_transport_security_include_subdomains=False,
        content_security_policy=CONTENT_SECURITY_POLICY,
        frame_options="DENY",
        referrer_policy="strict-origin-when-cross-origin",
        session_cookie_secure=secure_cookie,
        session_cookie_http_only=True,
        session_cookie_samesite="Lax",
        x_xss_protection=False,
    )
