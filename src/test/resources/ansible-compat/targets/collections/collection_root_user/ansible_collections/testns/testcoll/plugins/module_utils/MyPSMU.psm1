Function Invoke-FromUserPSMU {
    <#
    .SYNOPSIS
    Test function
    #>
    return "from user_mu"
}

Export-ModuleMember -Function Invoke-FromUserPSMU
