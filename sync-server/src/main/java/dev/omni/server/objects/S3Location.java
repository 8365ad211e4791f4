package dev.omni.server.objects;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Where the S3 object store is: {@code s3://BUCKET[/PREFIX]?endpoint=URL&region=REGION&path_style=true}.
 * {@code endpoint} is for S3-compatible services (R2, MinIO, Ceph RGW; absent: AWS itself);
 * {@code region} defaults to the AWS SDK's region chain, and to {@code us-east-1} when an endpoint
 * is given; {@code path_style=true} addresses the bucket in the path instead of the host name
 * (MinIO and most self-hosted services want it). Credentials are not part of it: they come from the
 * AWS SDK's default chain.
 */
public record S3Location(String bucket, String prefix, URI endpoint, String region, boolean pathStyle) {

    public static S3Location parse(String url) {
        String u = url.trim();
        if (!u.toLowerCase(Locale.ROOT).startsWith("s3://")) {
            throw new IllegalArgumentException("--objects takes s3://BUCKET[/PREFIX]?endpoint=URL&region=REGION"
                    + "&path_style=true, not " + u);
        }
        String rest = u.substring(5);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : trimSlashes(rest.substring(slash + 1));
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("the object store URL names no bucket: " + u);
        }
        URI endpoint = null;
        String region = null;
        boolean pathStyle = false;
        for (String p : query.split("&")) {
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8);
            switch (key) {
                case "endpoint" -> {
                    try {
                        endpoint = URI.create(value);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("the endpoint of " + u + " is no URL: " + value, e);
                    }
                    if (endpoint.getScheme() == null || endpoint.getHost() == null) {
                        throw new IllegalArgumentException("the endpoint of " + u + " must be like http://HOST:PORT, not "
                                + value);
                    }
                }
                case "region" -> region = value;
                case "path_style" -> pathStyle = value.isEmpty() || Boolean.parseBoolean(value);
                default -> throw new IllegalArgumentException("unknown parameter " + key + " in " + u
                        + " (known: endpoint, region, path_style)");
            }
        }
        return new S3Location(bucket, prefix, endpoint, region, pathStyle);
    }

    private static String trimSlashes(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == '/') {
            a++;
        }
        while (b > a && s.charAt(b - 1) == '/') {
            b--;
        }
        return s.substring(a, b);
    }

    /** The key of {@code path} under the prefix. */
    String key(String path) {
        return prefix.isEmpty() ? path : prefix + "/" + path;
    }

    /** The same bucket and endpoint under another prefix (tests give each server its own). */
    public S3Location withPrefix(String newPrefix) {
        return new S3Location(bucket, trimSlashes(newPrefix), endpoint, region, pathStyle);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix) + (endpoint == null ? "" : " at " + endpoint);
    }
}
