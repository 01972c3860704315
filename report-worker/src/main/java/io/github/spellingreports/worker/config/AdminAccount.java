package io.github.spellingreports.worker.config;

/**
 * The administrator login in effect, so a launcher (the standalone's banner) can show it.
 *
 * @param username login name
 * @param password clear-text password, kept only in memory
 * @param generated whether the password was generated at start-up because none was configured
 */
public record AdminAccount(String username, String password, boolean generated) {

    @Override
    public String toString() {
        return "AdminAccount[username=" + username + ", generated=" + generated + "]";
    }

}
