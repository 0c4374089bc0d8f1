"""Crisis and e-reputation: the playbook prepared in calm times, the suspension of a brand's
posts when a bad buzz starts, the response templates in the brand's voice, moderation."""
