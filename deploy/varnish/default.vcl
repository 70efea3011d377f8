vcl 4.1;
# Varnish in front of the app servers: caches pages for anonymous readers for as long as the
# app's Cache-Control allows (PAGE_CACHE_SECONDS), and forgets a page, with every variant of
# its query string, when an app server asks (PURGE), or everything under a path (BAN: a page
# moved or deleted with its descendants; BAN / for a change every page shows, such as the
# footer). home.purging.VarnishBackend sends both when CDN_PURGE_URL points here, once the
# editor's change is committed. Only the app servers may purge or ban.
#
# Edit before use: the backend (one app server, or a director over several) and the
# `app_servers` ACL (every app server's address). Run e.g.:
#   varnishd -a :80 -f /etc/varnish/default.vcl -s malloc,256m
# and set CDN_PURGE_URL=http://<varnish host>:80 on the app servers.

import std;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

# The app servers: the only clients allowed to purge.
acl app_servers {
    "127.0.0.1";
}

sub vcl_recv {
    if (req.method == "PURGE" || req.method == "BAN") {
        if (!client.ip ~ app_servers) {
            return (synth(405, "Purging is for the app servers only"));
        }
        # The app purges every language's address separately, so the host does not need to
        # match: readers may reach the site under another name than the one Wagtail knows.
        if (req.method == "BAN") {
            # Everything whose path starts with this one (BAN / is the whole cache).
            ban("obj.http.x-url ~ ^" + regsub(req.url, "\?.*$", ""));
            return (synth(200, "Banned"));
        }
        # A ban on the path, whatever the query string (?page=2, ?stage=..., ?q=...).
        ban("obj.http.x-url ~ ^" + regsub(req.url, "\?.*$", "") + "(\?|$)");
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin|documents)/" || req.url ~ "^/healthz") {
        return (pass);
    }
    # Editors (a session) and anyone the app gave a cookie to get pages built for them.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken|messages)=" || req.http.Authorization) {
        return (pass);
    }
    # Readers get no cookies from the site; any others (analytics on the domain) are dropped
    # so they do not split the cache.
    unset req.http.Cookie;
    # ?a=1&b=2 and ?b=2&a=1 are one page.
    set req.url = std.querysort(req.url);
    return (hash);
}

sub vcl_backend_response {
    # Kept on the object so bans can match it without holding requests (lurker-friendly).
    set beresp.http.x-url = bereq.url;
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || (beresp.status != 200 && beresp.status != 301 && beresp.status != 404)) {
        # Personal pages, errors, throttled answers (429): never cached; remember that for a
        # short while so requests for them go straight to the app.
        set beresp.uncacheable = true;
        set beresp.ttl = 30s;
        return (deliver);
    }
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-url;
    if (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "hit";
    } else {
        set resp.http.X-Varnish-Cache = "miss";
    }
}
