"""The one settings module. Every value that differs between a laptop and production is read
from the environment here, and nowhere else (see the table in README.md).

With no environment at all it runs in development mode on SQLite and local files.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from error


# --- Core -----------------------------------------------------------------------------------

DEBUG = env_bool("DEBUG", default=False)
TESTING = env_bool("TESTING", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    # Development and tests only: a key made once and kept in VAR_DIR, so that every process
    # of a local server (runserver's reloader, gunicorn's workers) signs things alike.
    _key_file = VAR_DIR / "secret_key"
    if not _key_file.exists():
        import secrets
        import tempfile

        # Written aside, then linked into place: a process never reads a half-written key.
        with tempfile.NamedTemporaryFile(
            "w", dir=VAR_DIR, delete=False, encoding="ascii"
        ) as _handle:
            _handle.write(secrets.token_urlsafe(50))
        try:
            os.link(_handle.name, _key_file)
        except FileExistsError:  # another process made it first
            pass
        finally:
            os.unlink(_handle.name)
    SECRET_KEY = _key_file.read_text(encoding="ascii").strip()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

WAGTAIL_SITE_NAME = "Trauma-Informed London"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The public address in links sent by email (sign-up confirmations); the admin's by default.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "") or WAGTAILADMIN_BASE_URL

INSTALLED_APPS = [
    "home",
    "roadmap",
    "casestudies",
    "events",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.typed_table_block",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # Anonymous readers' pages from the shared cache, first: a hit is answered with the headers
    # the whole stack gave the page when it was built, and runs nothing else.
    "home.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "home.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Hostile input (control characters, bad UTF-8, huge values) gets a 400 before any view.
    "home.input_guard.InputGuardMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "home.accounts.middleware.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Wagtail's routing (site, language root, path, privacy) from the content cache.
    "home.routing.RoutingMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "site.urls"
WSGI_APPLICATION = "site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            "builtins": ["home.templatetags.site_tags"],
        },
    },
]

# --- Database -------------------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue instead of failing with "database is locked": every transaction takes the
    # write lock up front, waits up to 20 s for it, and WAL lets readers carry on meanwhile.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
    }
    # Tests that use several processes need a file, not the default in-memory database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
else:
    # A hung or unreachable database costs a reader a 503 page within seconds, never a worker
    # held until gunicorn kills it (its timeout is 30 s, deploy/gunicorn.conf.py).
    # DATABASE_STATEMENT_TIMEOUT=0 lifts the statement limit, e.g. for a long migration.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"]["connect_timeout"] = env_int("DATABASE_CONNECT_TIMEOUT", 5)
    DATABASES["default"]["OPTIONS"]["options"] = (
        f"-c statement_timeout={env_int('DATABASE_STATEMENT_TIMEOUT', 10) * 1000}"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "tilondon"),
            "TIMEOUT": 600,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 2,
                "SOCKET_TIMEOUT": 2,
                # No retries, and no new try for 30 s after Redis could not be reached.
                "CONNECTION_POOL_CLASS": "home.redis_pool.FailFastConnectionPool",
                # A cache outage slows pages down; it must not take the site down.
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    # A cache outage is logged once a minute per process, not as a traceback per cache call.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "home.cache_outage"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Image renditions, in each process's own memory: a rendition never changes under its key (the
# key holds the image's file hash and focal point), so no server needs to hear of another's,
# and pages with images make no Redis round trip per image.
CACHES["renditions"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "renditions",
    "TIMEOUT": 60 * 60 * 24,
    "OPTIONS": {"MAX_ENTRIES": 10000},
}

# Sessions are for signed-in editors only; readers never get a cookie. They are cached only in
# a cache every process shares (Redis): with each process's own memory, one worker would go on
# reading a session another had changed (an editor's two-step sign-in, say) from its stale copy.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)

# --- Internationalisation -------------------------------------------------------------------

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Languages readers can choose. Codes come from SITE_LANGUAGES; names are each language's own.
_LANGUAGE_NAMES = {
    "en-gb": "English (UK)",
    "ar": "العربية",
    "ur": "اردو",
    "pl": "Polski",
    "bn": "বাংলা",
    "so": "Soomaali",
    "tr": "Türkçe",
    "pt": "Português",
    "es": "Español",
    "fr": "Français",
}
RTL_LANGUAGES = {"ar", "ur", "fa", "he"}
_site_languages = env_list("SITE_LANGUAGES", "en-gb,ar")
if _site_languages[0] != LANGUAGE_CODE:
    raise ImproperlyConfigured(f"SITE_LANGUAGES must start with {LANGUAGE_CODE!r}.")
_unknown = [code for code in _site_languages if code not in _LANGUAGE_NAMES]
if _unknown:
    raise ImproperlyConfigured(f"SITE_LANGUAGES has languages the site has no name for: {_unknown}")
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [(code, _LANGUAGE_NAMES[code]) for code in _site_languages]
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "home" / "locale"]

# --- Static and media files -----------------------------------------------------------------

STATIC_URL = os.environ.get("STATIC_URL", "/static/")
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

# Development and test servers serve static files straight from the apps; production serves
# the collected, hashed and compressed copies (`manage.py collectstatic` at build time).
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG
if DEBUG or TESTING:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

if AWS_STORAGE_BUCKET_NAME:
    from botocore.config import Config as BotoConfig

    # Media and documents live in the bucket, so any app server can serve any upload.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME", "eu-west-2")
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "media")
    # A new upload never replaces an existing file of the same name: it gets a new name.
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None  # the bucket stays private; objects inherit its policy
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", default=AWS_S3_CUSTOM_DOMAIN is None)
    AWS_QUERYSTRING_EXPIRE = env_int("AWS_QUERYSTRING_EXPIRE", 3600)
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "max-age=31536000, public"}
    # Worst case with a hung endpoint: attempts x (connect + read) plus short back-offs,
    # 2 x (2 + 5) = 14 s by default, well under gunicorn's 30 s worker timeout. Image tags
    # then leave the image out (home/images.py) rather than fail the page.
    AWS_S3_CLIENT_CONFIG = BotoConfig(
        connect_timeout=env_int("AWS_S3_CONNECT_TIMEOUT", 2),
        read_timeout=env_int("AWS_S3_READ_TIMEOUT", 5),
        retries={"total_max_attempts": env_int("AWS_S3_MAX_ATTEMPTS", 2), "mode": "standard"},
    )

WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "csv", "odt", "ods", "pptx", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are always served through Wagtail's view, which checks privacy before redirecting
# to the file (a short-lived signed URL on S3).
WAGTAILDOCS_SERVE_METHOD = "redirect" if AWS_STORAGE_BUCKET_NAME else "serve_view"
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# --- Wagtail --------------------------------------------------------------------------------

WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
# Editors' avatars are uploaded, never fetched from gravatar.com: the admin asks no third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Purging the cache in front when editors change content: pages are cached for
# PAGE_CACHE_SECONDS at most, and what a change shows on is purged once it is committed
# (home/purging.py: which change purges what, with a deadline for an endpoint that hangs).
CDN_PURGE_URL = os.environ.get("CDN_PURGE_URL", "")
CDN_CLOUDFRONT_DISTRIBUTION_ID = os.environ.get("CDN_CLOUDFRONT_DISTRIBUTION_ID", "")
CDN_CLOUDFLARE_ZONE_ID = os.environ.get("CDN_CLOUDFLARE_ZONE_ID", "")
CDN_CLOUDFLARE_TOKEN = os.environ.get("CDN_CLOUDFLARE_TOKEN", "")
WAGTAILFRONTENDCACHE = {}
if CDN_PURGE_URL:
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "home.purging.VarnishBackend",
        "LOCATION": CDN_PURGE_URL,
    }
if CDN_CLOUDFRONT_DISTRIBUTION_ID:
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "home.purging.CloudFrontBackend",
        "DISTRIBUTION_ID": CDN_CLOUDFRONT_DISTRIBUTION_ID,
    }
if CDN_CLOUDFLARE_ZONE_ID:
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "home.purging.CloudflareEverythingBackend",
        "ZONEID": CDN_CLOUDFLARE_ZONE_ID,
        "BEARER_TOKEN": CDN_CLOUDFLARE_TOKEN,
    }

# --- Email ----------------------------------------------------------------------------------

# Requests never talk to the mail server: every email (the site's own and Wagtail's) is
# written to the outbox, and the sender process (`run_email_sender`) delivers it with
# EMAIL_DELIVERY_BACKEND (events/emails.py).
EMAIL_BACKEND = "events.emails.OutboxBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=EMAIL_PORT == 587)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=EMAIL_PORT == 465)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
elif TESTING:
    # In-process tests read what was delivered from django.core.mail.outbox.
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
else:
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Trauma-Informed London <no-reply@trauma-informed.london>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds before a failed email is tried again; the delay doubles with each failure (at most
# six hours), and an email is given up after ten tries (events/emails.py).
EMAIL_RETRY_DELAY_SECONDS = env_int("EMAIL_RETRY_DELAY_SECONDS", 60)
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -------------------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 63072000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The health check is asked over plain HTTP by the load balancer.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content-Security-Policy: everything from our own origin; nothing from third parties.
# Media on S3 or a CDN domain is added to img-src/media-src.
_media_origins = " ".join(
    origin
    for origin in (
        os.environ.get("AWS_S3_CUSTOM_DOMAIN") and f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN']}",
        os.environ.get("CSP_MEDIA_ORIGINS", ""),
    )
    if origin
)
CONTENT_SECURITY_POLICY = (
    f"default-src 'self'; img-src 'self' data: {_media_origins}".rstrip()
    + f"; media-src 'self' {_media_origins}".rstrip()
    + "; "
    "script-src 'self'; style-src 'self'; font-src 'self'; connect-src 'self'; "
    "frame-src https://www.youtube-nocookie.com https://player.vimeo.com; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# The admin's policy (README, "Security"): the same origins, with two relaxations Wagtail 7.4's
# admin cannot work without. 'unsafe-inline' scripts: its date and time pickers and inline
# panels start from inline <script> tags whose text differs per field, so no hash or nonce
# can list them. 'unsafe-inline' styles: its templates and Draftail set style attributes.
# frame-ancestors/frame-src 'self': the live preview shows the page in a frame of the editor.
# No 'unsafe-eval', no third-party origin, no Gravatar (WAGTAIL_GRAVATAR_PROVIDER_URL).
ADMIN_CONTENT_SECURITY_POLICY = (
    f"default-src 'self'; img-src 'self' data: blob: {_media_origins}".rstrip()
    + f"; media-src 'self' {_media_origins}".rstrip()
    + "; "
    "script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; font-src 'self'; "
    "connect-src 'self'; worker-src 'self'; "
    "frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)

# The client's address, for throttling and login lockout (home.security.client_address): the
# header our own proxy or CDN sets (e.g. X-Forwarded-For), and how many proxies of ours append
# to it. Empty means REMOTE_ADDR, for a site served directly. Never trust a header the edge
# does not overwrite: clients can send any header they like.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
TRUSTED_PROXY_COUNT = max(1, env_int("TRUSTED_PROXY_COUNT", 1))

# --- Editor accounts: sign-in lockout and two-factor authentication (home/accounts/) ---------

# django-axes counts failed admin sign-ins in the database (shared by every app server).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After LOGIN_FAILURE_LIMIT wrong passwords, sign-in is refused for LOGIN_COOLOFF_MINUTES: for
# that username from any address, and for that address whatever the username. The same limit
# guards the passwords of password-protected pages and documents (per address and page).
LOGIN_FAILURE_LIMIT = max(1, env_int("LOGIN_FAILURE_LIMIT", 5))
LOGIN_COOLOFF_MINUTES = max(1, env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "home.security.client_address"
AXES_LOCKOUT_CALLABLE = "home.accounts.lockout.locked_out"
AXES_RESET_ON_SUCCESS = True

# Every admin user proves a second factor (an authenticator app's code, or a one-off recovery
# code) before the admin shows anything. On by default; off by default only with DEBUG, so a
# laptop's `make run` admin works with the printed password alone.
ADMIN_REQUIRE_2FA = env_bool("ADMIN_REQUIRE_2FA", default=not DEBUG)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# Wrong codes make the next try wait 1, 2, 4, 8... seconds (django-otp's throttling).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Tests sign in hundreds of times: a deliberately slow hasher there only costs time (about
    # 0.3 s a sign-in on a 2-core machine). Everywhere else Django's default (PBKDF2) applies.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# --- Programme settings ---------------------------------------------------------------------

# How long personal data from event sign-ups is kept after the event ends.
SIGNUP_RETENTION_DAYS = env_int("SIGNUP_RETENTION_DAYS", 180)
# How long form pages' submissions (home.FormPage) are kept before they are deleted.
FORM_SUBMISSION_RETENTION_DAYS = env_int("FORM_SUBMISSION_RETENTION_DAYS", 90)
# How long the contact details of someone who shared a practice are kept (the case study stays).
PRACTICE_CONTACT_RETENTION_DAYS = env_int("PRACTICE_CONTACT_RETENTION_DAYS", 365)
# How long a sign-up's private manage link keeps working after the event ends.
SIGNUP_MANAGE_LINK_MAX_AGE_DAYS = env_int("SIGNUP_MANAGE_LINK_MAX_AGE_DAYS", 400)
# The public baseline summary hides any group smaller than this.
BASELINE_MIN_GROUP_SIZE = env_int("BASELINE_MIN_GROUP_SIZE", 5)
# Spam protection of the public forms (home/spam.py): a post sent sooner than this after the
# form was served saves nothing and shows the form again; so does one served longer ago than
# the maximum age (a day), so that a stamp cannot be reused for ever.
FORM_MIN_FILL_SECONDS = env_int("FORM_MIN_FILL_SECONDS", 3)
FORM_STAMP_MAX_AGE_SECONDS = env_int("FORM_STAMP_MAX_AGE_SECONDS", 24 * 60 * 60)

# Seconds a CDN or browser may cache a public page (0 turns the header off).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0 if DEBUG else 300)
# Seconds the app keeps a whole page for anonymous readers in the shared cache (0 turns the
# full-page cache off; home/page_cache.py). Publishing refreshes pages at once whatever this is;
# it only bounds how long a page that depends on the clock (an event that just ended) can lag.
# Off while developing and in tests, except the tests that turn it on.
FULL_PAGE_CACHE_SECONDS = env_int("FULL_PAGE_CACHE_SECONDS", 0 if DEBUG or TESTING else 300)

# --- Logging --------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"once_a_minute": {"()": "home.log_filters.OncePerInterval", "seconds": 60}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "home.cache_outage": {"filters": ["once_a_minute"]},
        "django.request": {"level": "ERROR"},
        "botocore": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
