Function Invoke-SubUserPSMU {
    <#
    .SYNOPSIS
    Test function
    #>
    return "from subpkg.subps.psm1"
}

Export-ModuleMember -Function Invoke-SubUserPSMU
