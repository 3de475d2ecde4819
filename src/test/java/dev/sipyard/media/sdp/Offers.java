package dev.sipyard.media.sdp;

/**
 * SDP offers in the shape real phones send them (written for these tests from what those clients put on the
 * wire: their order of codecs, attributes and quirks). CRLF unless the client is known to send LF.
 */
final class Offers {
    static final String KEY_128_A = "HkNojbLX/CFGa5C12v8kSW6TuN0CJ0xxlrvgBSpP";
    static final String KEY_128_B = "B2K9GHPOKYTfOpXwS6YBXLcSbcgjftk0j+pFoPtW";
    static final String KEY_128_C = "yNXi7/wJFiMwPUpXZHF+i5ilsr/M2ebzAA0aJzRB";
    static final String KEY_256 = "Az55tO8qZaDbFlGMxwI9eLPuKWSf2hVQi8YBPHey7ShjntkUT4rFADt2sewnYg==";

    /** baresip: Opus first, G.711 by rtpmap, telephone-event only at 8000, rtcp-mux. */
    static final String BARESIP = crlf("""
            v=0
            o=- 1193536441 1516548217 IN IP4 192.168.1.20
            s=-
            c=IN IP4 192.168.1.20
            t=0 0
            m=audio 10000 RTP/AVP 96 0 8 101
            b=AS:64
            a=rtpmap:96 opus/48000/2
            a=fmtp:96 stereo=1;sprop-stereo=1
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15
            a=rtcp-mux
            a=ptime:20
            a=sendrecv
            a=label:1
            a=ssrc:3401297581 cname:c9d6a6b2-93d1-4c4d-9a6e-0a1b2c3d4e5f
            """);

    /** baresip with mediaenc=srtp-mand: RTP/SAVP and one AES_CM_128_HMAC_SHA1_80 key. */
    static final String BARESIP_SRTP = crlf("""
            v=0
            o=- 2022061014 1654851226 IN IP4 10.0.0.7
            s=-
            c=IN IP4 10.0.0.7
            t=0 0
            m=audio 21356 RTP/SAVP 0 8 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15
            a=sendrecv
            a=ptime:20
            a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:%s
            """.formatted(KEY_128_A));

    /** Linphone: many codecs, telephone-event at three rates, session attributes, a video stream. */
    static final String LINPHONE = crlf("""
            v=0
            o=alice 2736 1523 IN IP4 192.168.0.12
            s=Talk
            c=IN IP4 192.168.0.12
            t=0 0
            a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics
            a=record:off
            m=audio 7078 RTP/AVP 96 97 98 0 8 18 101 99 100
            a=rtpmap:96 opus/48000/2
            a=fmtp:96 useinbandfec=1
            a=rtpmap:97 speex/16000
            a=fmtp:97 vbr=on
            a=rtpmap:98 speex/8000
            a=fmtp:98 vbr=on
            a=fmtp:18 annexb=yes
            a=rtpmap:101 telephone-event/48000
            a=rtpmap:99 telephone-event/16000
            a=rtpmap:100 telephone-event/8000
            a=rtcp-fb:* trr-int 1000
            a=rtcp-fb:* ccm tmmbr
            m=video 9078 RTP/AVP 96 97
            a=rtpmap:96 VP8/90000
            a=rtpmap:97 H264/90000
            a=fmtp:97 profile-level-id=42801F
            a=rtcp-fb:* trr-int 1000
            a=rtcp-fb:* ccm tmmbr
            a=rtcp-fb:96 nack pli
            """);

    /** Linphone with SRTP mandatory: four SDES keys, the strongest last. */
    static final String LINPHONE_SRTP = crlf("""
            v=0
            o=alice 1183 3002 IN IP4 192.168.0.12
            s=Talk
            c=IN IP4 192.168.0.12
            t=0 0
            m=audio 7078 RTP/SAVP 96 0 8 101
            a=rtpmap:96 opus/48000/2
            a=fmtp:96 useinbandfec=1
            a=rtpmap:101 telephone-event/48000
            a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:%s
            a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:%s
            a=crypto:3 AES_256_CM_HMAC_SHA1_80 inline:%s
            a=crypto:4 AES_256_CM_HMAC_SHA1_32 inline:%s
            """.formatted(KEY_128_A, KEY_128_B, KEY_256, KEY_256));

    /** Zoiper: static payload types without rtpmap, Opus with spaces in its fmtp, direction before rtcp-mux. */
    static final String ZOIPER = crlf("""
            v=0
            o=Z 0 4 IN IP4 192.168.1.50
            s=Z
            c=IN IP4 192.168.1.50
            t=0 0
            m=audio 8000 RTP/AVP 106 9 98 101 0 8 3
            a=rtpmap:106 opus/48000/2
            a=fmtp:106 sprop-maxcapturerate=16000; minptime=20; useinbandfec=1
            a=rtpmap:98 telephone-event/48000
            a=fmtp:98 0-16
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=sendrecv
            a=rtcp-mux
            """);

    /** Bria: G.722 first, then A-law and mu-law, two SDES keys. */
    static final String BRIA_SRTP = crlf("""
            v=0
            o=- 1693318093 2 IN IP4 172.16.4.21
            s=Bria 6 release 6.5.3 stamp 109999
            c=IN IP4 172.16.4.21
            t=0 0
            m=audio 56602 RTP/SAVP 9 8 0 101
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15
            a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:%s
            a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:%s
            a=sendrecv
            """.formatted(KEY_128_A, KEY_128_C));

    /** sipp's built-in uac scenario: mu-law only, LF line ends as the scenario file has them. */
    static final String SIPP = """
            v=0
            o=user1 53655765 2353687637 IN IP4 127.0.0.1
            s=-
            c=IN IP4 127.0.0.1
            t=0 0
            m=audio 6000 RTP/AVP 0
            a=rtpmap:0 PCMU/8000
            """;

    /** A browser-ish Opus-only offer through an SDES gateway: RTP/SAVPF, rtcp-mux, ICE and extmap lines. */
    static final String WEBRTC_SDES = crlf("""
            v=0
            o=- 4611731400430051336 2 IN IP4 127.0.0.1
            s=-
            t=0 0
            a=group:BUNDLE 0
            a=msid-semantic: WMS stream
            m=audio 50202 RTP/SAVPF 111 110 126
            c=IN IP4 203.0.113.9
            a=rtcp:9 IN IP4 0.0.0.0
            a=candidate:842163049 1 udp 1677729535 203.0.113.9 50202 typ srflx raddr 10.0.0.2 rport 50202
            a=ice-ufrag:EsAw
            a=ice-pwd:bP+XJMM09aR8AiX1jdukzR6Y
            a=mid:0
            a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level
            a=sendrecv
            a=rtcp-mux
            a=rtpmap:111 opus/48000/2
            a=rtcp-fb:111 transport-cc
            a=fmtp:111 minptime=10;useinbandfec=1
            a=rtpmap:110 telephone-event/48000
            a=rtpmap:126 telephone-event/8000
            a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:%s
            a=ssrc:1001 cname:x
            """.formatted(KEY_128_B));

    /** A real browser offer: DTLS-SRTP, which we do not serve. */
    static final String WEBRTC_DTLS = crlf("""
            v=0
            o=- 6045312345123456789 2 IN IP4 127.0.0.1
            s=-
            t=0 0
            m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126
            c=IN IP4 0.0.0.0
            a=rtcp:9 IN IP4 0.0.0.0
            a=fingerprint:sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08
            a=setup:actpass
            a=mid:0
            a=sendrecv
            a=rtcp-mux
            a=rtpmap:111 opus/48000/2
            a=rtpmap:63 red/48000/2
            a=rtpmap:9 G722/8000
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:13 CN/8000
            a=rtpmap:110 telephone-event/48000
            a=rtpmap:126 telephone-event/8000
            """);

    private Offers() {}

    static String crlf(String lf) {
        return lf.replace("\n", "\r\n");
    }
}
