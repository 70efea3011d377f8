"""The baseline form's token: issued by the server for one result, signed, used once.

The result page puts a token in its "add to the baseline" form. It is signed with the site's
secret key (django.core.signing) and names the self-assessment page and the answers it was
issued for, with a random one-time number and the time it was issued. So a post can add a
result only with a token this site issued, for those very answers, within TOKEN_MAX_AGE; and a
token adds one entry at most: the entry keeps a hash of the one-time number in a unique column
(BaselineEntry.submission_key). Forged tokens cannot stuff the baseline; fresh tokens cost a
page view each and the form is throttled per address (roadmap.baseline).
"""

from __future__ import annotations

import hashlib

from django.core import signing
from django.utils.crypto import get_random_string

SALT = "roadmap.baseline.token"
# A reader adds their result soon after seeing it; an older result page is opened again.
TOKEN_MAX_AGE = 24 * 60 * 60
# Anything longer is not one of ours (a token is about 150 characters).
MAX_TOKEN_LENGTH = 500


class TokenExpired(Exception):
    """The token is ours but older than TOKEN_MAX_AGE."""


class TokenInvalid(Exception):
    """The token was not issued by this site, or not for these answers."""


def issue_token(page_id: int, answers_query: str) -> str:
    """A signed, one-time token for adding this result (page and answers) to the baseline."""
    payload = {"p": page_id, "a": answers_query, "n": get_random_string(24)}
    return signing.dumps(payload, salt=SALT, compress=True)


def submission_key(token: str, page_id: int, answers_query: str) -> str:
    """The hash stored with the entry the token adds; TokenInvalid or TokenExpired otherwise."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise TokenInvalid
    try:
        payload = signing.loads(token, salt=SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired as error:
        raise TokenExpired from error
    except (signing.BadSignature, ValueError) as error:
        raise TokenInvalid from error
    if (
        not isinstance(payload, dict)
        or payload.get("p") != page_id
        or payload.get("a") != answers_query
        or not isinstance(payload.get("n"), str)
    ):
        raise TokenInvalid
    return hashlib.sha256(payload["n"].encode()).hexdigest()
