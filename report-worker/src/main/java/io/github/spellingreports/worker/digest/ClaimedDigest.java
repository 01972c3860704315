package io.github.spellingreports.worker.digest;

/**
 * A recorded digest that this worker has claimed for sending.
 *
 * @param id the digest's id
 * @param subject the subject line
 * @param from the sender address
 * @param recipients comma-separated recipient addresses
 * @param html the HTML body
 * @param text the plain-text body
 * @param attempts send attempts so far, this one included
 * @param errorCount how many errors it lists
 * @param reportCount how many new reports it covers
 */
record ClaimedDigest(long id, String subject, String from, String recipients, String html, String text, int attempts,
        int errorCount, int reportCount) {
}
